/** A recorded moment shown through the opened-snapshot store is named so the banner can say what it is. */
export const MOMENT_PREFIX = 'Recorded moment';

export const isMomentName = (name: string): boolean => name.startsWith(MOMENT_PREFIX);
