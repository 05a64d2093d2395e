/** The process story opened from an alert or a clicked desktop notification, over whichever tab is shown. */
import { ProcessStoryDrawer } from '../story/ProcessStory';
import type { Snapshot } from '../../../common/model/model';
import { openProcessStore, useOpenProcess } from './historyStore';

export function AlertStoryDrawer({ snapshot }: { snapshot: Snapshot }) {
  const open = useOpenProcess();
  return (
    <ProcessStoryDrawer
      snapshot={snapshot}
      pid={open?.pid ?? null}
      onClose={() => openProcessStore.open(null)}
      onOpenProcess={(pid) => openProcessStore.open(pid)}
    />
  );
}
