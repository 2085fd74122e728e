'use client';

import { useRef, useState } from 'react';
import clsx from 'clsx';
import { Pin } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Link } from '@/lib/shared/i18n/navigation';
import type { Conversation } from '@/lib/client/storage/conversation';
import { Button, TOUCH_FIELD } from '@/components/ui/Button';

export type ConversationExportFormat = 'markdown' | 'json' | 'pdf' | 'image';

interface ConversationItemProps {
  conversation: Conversation;
  active: boolean;
  onRename: (title: string) => void;
  onPin: (pinned: boolean) => void;
  onDelete: () => void;
  onExport: (format: ConversationExportFormat) => void;
}

/** A row of the conversation's menu: full width, its label at the left. */
const menuItem = { variant: 'ghost', className: 'w-full justify-start text-left' } as const;

export function ConversationItem({ conversation, active, onRename, onPin, onDelete, onExport }: ConversationItemProps) {
  const t = useTranslations('history');
  const [renaming, setRenaming] = useState(false);
  const menuRef = useRef<HTMLDetailsElement>(null);
  /** Closes the menu, then runs the chosen action. */
  const choose = (action: () => void) => () => {
    if (menuRef.current) menuRef.current.open = false;
    action();
  };
  const title = conversation.title || t('untitled');
  const pinned = conversation.pinned === true;

  if (renaming) {
    return (
      <li>
        <form
          className="flex gap-1 p-1"
          onSubmit={(e) => {
            e.preventDefault();
            const value = String(new FormData(e.currentTarget).get('title') ?? '').trim();
            if (value) onRename(value.slice(0, 80));
            setRenaming(false);
          }}
        >
          <label htmlFor={`rename-${conversation.id}`} className="sr-only">
            {t('renameLabel')}
          </label>
          <input
            id={`rename-${conversation.id}`}
            name="title"
            data-testid="conversation-rename-input"
            defaultValue={conversation.title}
            maxLength={80}
            autoFocus
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
            className={`min-w-0 flex-1 rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900 ${TOUCH_FIELD}`}
          />
          <Button type="submit" variant="primary" data-testid="conversation-rename-save">
            {t('renameSave')}
          </Button>
        </form>
      </li>
    );
  }

  return (
    <li
      data-testid="conversation-item"
      data-conversation-id={conversation.id}
      data-pinned={pinned ? 'true' : undefined}
      className={clsx('group flex items-center rounded-lg', active && 'bg-zinc-100 dark:bg-zinc-800')}
    >
      {/* No prefetch: a new conversation's link appears the moment a message is sent, and its
          prefetch (a server render of the page) competed with that message's reply. */}
      <Link
        href={`/c/${conversation.id}`}
        prefetch={false}
        aria-current={active ? 'page' : undefined}
        className="flex min-w-0 flex-1 items-center gap-1.5 px-2 py-2 text-sm max-sm:py-3"
        title={title}
      >
        {pinned && <Pin aria-label={t('pinned')} className="h-3.5 w-3.5 shrink-0 text-zinc-500 dark:text-zinc-400" />}
        <span className="truncate">{title}</span>
      </Link>
      <details ref={menuRef} className="relative">
        <summary
          aria-label={t('actions', { title })}
          data-testid="conversation-menu"
          className="flex h-11 w-11 cursor-pointer list-none items-center justify-center rounded text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-700 sm:h-8 sm:w-8 [&::-webkit-details-marker]:hidden"
        >
          …
        </summary>
        <div className="absolute right-0 z-30 flex w-48 flex-col rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          <Button {...menuItem} data-testid="conversation-pin" onClick={choose(() => onPin(!pinned))}>
            {pinned ? t('unpin') : t('pin')}
          </Button>
          <Button {...menuItem} data-testid="conversation-rename" onClick={choose(() => setRenaming(true))}>
            {t('rename')}
          </Button>
          <Button {...menuItem} data-testid="conversation-export-markdown" onClick={choose(() => onExport('markdown'))}>
            {t('exportMarkdown')}
          </Button>
          <Button {...menuItem} data-testid="conversation-export-json" onClick={choose(() => onExport('json'))}>
            {t('exportJson')}
          </Button>
          <Button {...menuItem} data-testid="conversation-export-pdf" onClick={choose(() => onExport('pdf'))}>
            {t('exportPdf')}
          </Button>
          <Button {...menuItem} data-testid="conversation-export-image" onClick={choose(() => onExport('image'))}>
            {t('exportImage')}
          </Button>
          <Button
            variant="ghost"
            data-testid="conversation-delete"
            onClick={choose(onDelete)}
            className={`${menuItem.className} text-red-700 dark:text-red-300`}
          >
            {t('delete')}
          </Button>
        </div>
      </details>
    </li>
  );
}
