// What global setup hands to the browser tests through vitest's provide/inject.
import type {} from 'vitest';
declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    personInA: string;
  }
}
export {};
