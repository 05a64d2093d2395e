/** Who the process is: pid, path, command line, user, parent (a link to its story), start, cwd. */
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import type { ProcessStory } from '../../../common/viewModel/processStory';
import { Fact } from './StoryParts';
import { visibleText } from '../ui/visibleText';

function parentTextOf(parent: ProcessStory['parent']): string | null {
  if (!parent) return null;
  return parent.label ? `${visibleText(parent.label)} (pid ${parent.pid})` : `pid ${parent.pid}`;
}

/** The service family (a parent with the children sharing its listeners), the parent chain, the unit. */
function FamilyFacts({ story, onOpenProcess }: { story: ProcessStory; onOpenProcess(pid: number): void }) {
  const p = story.process;
  const chainText = story.ancestors.map((a) => `${a.label ?? a.name} (${a.pid})`).join(' ← ');
  return (
    <>
      {story.family.length > 1 && (
        <Fact
          name="Service"
          value={
            <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', gap: 1 }}>
              {story.family.map((m) =>
                m.pid === p.pid ? (
                  <strong key={m.pid}>{`${visibleText(m.label)} (pid ${m.pid})`}</strong>
                ) : (
                  <Link key={m.pid} component="button" onClick={() => onOpenProcess(m.pid)}>
                    {`${visibleText(m.label)} (pid ${m.pid})`}
                  </Link>
                ),
              )}
            </Box>
          }
          copy={story.family.map((m) => `${m.label} (${m.pid})`).join(', ')}
        />
      )}
      {chainText && <Fact name="Ancestors" value={visibleText(chainText)} copy={chainText} />}
      {p.unit && <Fact name="Unit" value={visibleText(p.unit)} copy={p.unit} />}
    </>
  );
}

export function AboutTable({ story, onOpenProcess }: { story: ProcessStory; onOpenProcess(pid: number): void }) {
  const p = story.process;
  const parent = story.parent;
  const parentText = parentTextOf(parent);
  const started = p.startedAt ? new Date(p.startedAt) : null;
  const parentValue =
    parent === null ? (
      'none'
    ) : parent.label ? (
      <Link component="button" onClick={() => onOpenProcess(parent.pid)}>
        {parentText}
      </Link>
    ) : (
      parentText
    );
  return (
    <Table size="small" aria-label="About this process">
      <TableBody>
        <Fact name="PID" value={p.pid} copy={String(p.pid)} />
        <Fact name="Path" value={p.path === null ? '(hidden)' : visibleText(p.path)} copy={p.path} />
        <Fact name="Command line" value={p.cmdline === null ? '(hidden)' : visibleText(p.cmdline)} copy={p.cmdline} />
        <Fact name="User" value={p.user === null ? '(unknown)' : visibleText(p.user)} copy={p.user} />
        <Fact name="Parent" value={parentValue} copy={parentText} />
        <FamilyFacts story={story} onOpenProcess={onOpenProcess} />
        <Fact
          name="Started"
          value={started ? `${started.toLocaleString()} (${p.startedAt})` : '(unknown)'}
          copy={p.startedAt}
        />
        <Fact name="Working directory" value={p.cwd ?? '(hidden)'} copy={p.cwd} />
      </TableBody>
    </Table>
  );
}
