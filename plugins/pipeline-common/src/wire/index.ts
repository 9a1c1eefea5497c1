/** Response bodies of the data-platform backend plugins, one model for backend and frontend. */
export type * from './flink';
export type * from './nessie';
export type * from './streaming';
export type * from './trino';
export type * from './serving';
export type * from './pipeline';
export type * from './shapeForm';
