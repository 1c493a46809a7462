import type { AppContext } from '../../../core/context.js';

/** Catalogue rows the projects sub-area needs at start (placeholder while the sub-area is built). */
export async function seedRemittances(_ctx: AppContext): Promise<void> {}
