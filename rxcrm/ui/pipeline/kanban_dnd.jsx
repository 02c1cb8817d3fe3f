// Native HTML5 drag and drop for the pipeline board: cards carry their id, columns take drops.
import React, { useEffect, useRef, useState } from "react";

const CARD_TYPE = "text/x-rxcrm-card";

export function DraggableCard({ cardId, children, ...props }) {
  const [dragging, setDragging] = useState(false);
  return (
    <div
      draggable="true"
      data-dragging={dragging ? "true" : "false"}
      onDragStart={(e) => {
        e.dataTransfer.setData(CARD_TYPE, String(cardId));
        e.dataTransfer.setData("text/plain", String(cardId));
        e.dataTransfer.effectAllowed = "move";
        setDragging(true);
      }}
      onDragEnd={() => setDragging(false)}
      style={{ opacity: dragging ? 0.45 : 1, cursor: "grab" }}
      {...props}
    >
      {children}
    </div>
  );
}

export function DropColumn({ stageId, onCardDrop, children, ...props }) {
  const [over, setOver] = useState(0);
  const accepts = (e) => Array.from(e.dataTransfer.types || []).includes(CARD_TYPE);
  return (
    <div
      data-drag-over={over > 0 ? "true" : "false"}
      onDragEnter={(e) => {
        if (accepts(e)) setOver((n) => n + 1);
      }}
      onDragLeave={(e) => {
        if (accepts(e)) setOver((n) => Math.max(0, n - 1));
      }}
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
      }}
      onDrop={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        setOver(0);
        const cardId = e.dataTransfer.getData(CARD_TYPE);
        if (cardId && onCardDrop) onCardDrop(cardId, String(stageId));
      }}
      {...props}
    >
      {children}
    </div>
  );
}

export function ChangeWatcher({ value, onValueChange }) {
  // Calls onValueChange with `value` when mounted and whenever it changes (e.g. a live feed revision).
  useEffect(() => {
    if (onValueChange) onValueChange(value);
  }, [value]);
  return null;
}

export function AutoLoad({ onVisible, children, ...props }) {
  // Calls onVisible each time this element scrolls into view (the end of a board column: load more cards).
  const ref = useRef(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && onVisible) onVisible();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onVisible]);
  return (
    <div ref={ref} {...props}>
      {children}
    </div>
  );
}
