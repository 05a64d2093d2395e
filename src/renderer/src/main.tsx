import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { pickApi } from './transport/pickApi';

function Root() {
  const [connection, setConnection] = useState<string | null>(null);
  // One API for the page's lifetime; its status feeds the header.
  const [api] = useState(() =>
    pickApi((status, detail) =>
      setConnection(
        status === 'open'
          ? null
          : status === 'closed'
            ? `Could not reach Sockeye — ${detail ?? 'retrying'}`
            : 'Connecting…',
      ),
    ),
  );
  return <App api={api} connection={connection} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
