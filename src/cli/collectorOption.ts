/** `--collector NAME`, checked the same way by every command that takes it. */
import { COLLECTOR_NAMES, isCollectorName, type CollectorName } from '../common/model/collectorName';
import { UsageError } from './errors';

export function collectorOption(value: string | undefined): CollectorName | undefined {
  if (value === undefined) return undefined;
  if (!isCollectorName(value)) throw new UsageError(`unknown collector '${value}' (${COLLECTOR_NAMES.join(' or ')})`);
  return value;
}
