import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { Link } from '../router';

type Variant = 'primary' | 'secondary' | 'warning' | 'link';

function cls(variant: Variant, extra?: string): string {
  return ['btn', variant !== 'primary' ? `btn--${variant}` : '', extra ?? ''].filter(Boolean).join(' ');
}

/** `busy` keeps the button focusable but ignores clicks (no double submits on slow connections). */
export function Button({
  variant = 'primary',
  busy = false,
  className,
  type = 'button',
  onClick,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean }) {
  function handle(e: MouseEvent<HTMLButtonElement>) {
    if (busy) {
      e.preventDefault();
      return;
    }
    onClick?.(e);
  }
  return (
    <button type={type} className={cls(variant, className)} aria-disabled={busy || undefined} onClick={handle} {...rest}>
      {children}
    </button>
  );
}

export function ButtonLink({ to, variant = 'primary', children }: { to: string; variant?: Variant; children: ReactNode }) {
  return (
    <Link to={to} className={cls(variant)} draggable={false}>
      {children}
    </Link>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="btn-group">{children}</div>;
}
