// The live connection's state in the panel's top bar: a dot and a word
// (connected / reconnecting / offline), announced politely to screen readers.
import { Badge, Tooltip } from '@mantine/core';
import { useLiveState, type LiveStatus } from '@/lib/live/live-provider';

const VIEW: Record<Exclude<LiveStatus, 'off'>, { color: string; text: string; label: string; hint: string }> = {
  connected: { color: 'teal', text: 'Live', label: 'connected', hint: 'Changes made by others appear here as they happen.' },
  connecting: { color: 'yellow', text: 'Connecting', label: 'connecting', hint: 'Opening the live connection.' },
  reconnecting: {
    color: 'yellow',
    text: 'Reconnecting',
    label: 'reconnecting',
    hint: 'The live connection was interrupted; changes made meanwhile will follow.',
  },
  offline: {
    color: 'red',
    text: 'Offline',
    label: 'offline',
    hint: 'No live connection: pages show what they last loaded. Reload to see the latest.',
  },
};

export function LiveStatusIndicator() {
  const state = useLiveState();
  if (state === 'off') return null;
  const view = VIEW[state];
  return (
    <Tooltip label={view.hint} multiline w={240} withinPortal>
      <Badge
        role="status"
        aria-label={`Live updates: ${view.label}`}
        data-testid="live-status"
        data-state={state}
        variant="dot"
        color={view.color}
        size="lg"
        radius="sm"
        tt="none"
      >
        {view.text}
      </Badge>
    </Tooltip>
  );
}
