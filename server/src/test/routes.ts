import type { FastifyInstance } from 'fastify';

/**
 * Every method and path the router knows, as `METHOD /path`, read from fastify's route tree: each line of
 * `printRoutes` is a node whose text continues its parent's path, indented four columns per level
 * (`├── /api/v1/org-units (GET, HEAD)`, `│   └── /:code (GET)`). The platform-wide walks (authorization,
 * protected data, fuzzing) enumerate routes through this, so a new route is in all of them by itself.
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth ? stack[depth - 1] : '') + m[2]!;
    stack.length = depth;
    stack.push(path);
    if (m[3]) for (const method of m[3].split(', ')) found.push(`${method} ${path}`);
  }
  return found;
}
