/** The smallest a label may look on screen, whatever the zoom (a fitted busy map zooms far out). */
const MIN_LABEL_PX = 11;

/** Map-unit font size for `zoom`, in steps so that zooming re-renders labels only now and then. */
export function labelFontSize(zoom: number): number {
  if (!(zoom > 0) || zoom >= MIN_LABEL_PX / 10) return 10;
  return Math.ceil(MIN_LABEL_PX / zoom);
}
