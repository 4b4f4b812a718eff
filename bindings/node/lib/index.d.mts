// Types of the package `usersig` for ES modules: the same declarations as the CommonJS entry.
export * from './index.cjs';
declare const usersig: typeof import('./index.cjs');
export default usersig;
