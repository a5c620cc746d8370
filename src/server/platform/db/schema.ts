// Every table, for drizzle-kit and for the typed client.
export * from '../../modules/org/schema.js';
export * from '../../modules/people/schema.js';
export * from '../../modules/users/schema.js';
export * from '../audit/schema.js';
export * from '../../modules/imports/schema.js';
export * from '../../modules/supervision/schema.js';
export * from '../../modules/review/schema.js';
export * from '../../modules/dashboard/schema.js';
export * from '../../modules/documents/schema.js';
export * from '../../modules/meetings/schema.js';
