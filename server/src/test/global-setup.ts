import { buildTemplate } from './engine.js';

export default async function setup() {
  await buildTemplate();
}
