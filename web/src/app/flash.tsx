import { useEffect, useState } from 'react';
import { Notice } from './components/Layout';

/** A one-time success message carried to the next page ("Person created", "Password changed"). */
let pendingFlash: string | null = null;

export function setFlash(message: string): void {
  pendingFlash = message;
}

export function FlashNotice() {
  const [message] = useState(() => pendingFlash);
  useEffect(() => {
    pendingFlash = null;
  }, []);
  if (!message) return null;
  return (
    <Notice tone="success" live>
      <p>{message}</p>
    </Notice>
  );
}
