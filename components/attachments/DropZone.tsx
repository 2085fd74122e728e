'use client';

import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { FilePlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { addFiles } from '@/lib/client/attachments/pending';

const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/** The chat as a drop target for files: a visible zone while files are dragged over it. */
export function DropZone({ children, disabled }: { children: ReactNode; disabled?: boolean }) {
  const t = useTranslations('attachments');
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the drag left.
  const depth = useRef(0);

  const onDragEnter = (e: DragEvent) => {
    if (disabled || !carriesFiles(e)) return;
    e.preventDefault();
    depth.current += 1;
    setDragging(true);
  };
  const onDragOver = (e: DragEvent) => {
    if (disabled || !carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    if (disabled || !carriesFiles(e)) return;
    e.preventDefault();
    depth.current = 0;
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length) void addFiles(files);
  };

  return (
    <div
      className="relative flex min-h-0 min-w-0 flex-1 flex-col"
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {children}
      {dragging && (
        <div
          data-testid="drop-zone"
          className="pointer-events-none absolute inset-2 z-20 flex flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed border-brand-500 bg-white/90 text-lg font-medium text-brand-700 dark:bg-zinc-950/90 dark:text-brand-100"
        >
          <FilePlus size={32} aria-hidden />
          {t('dropHere')}
        </div>
      )}
    </div>
  );
}
