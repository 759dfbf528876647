export * from './page.js';
export * from './fonts.js';
export * from './text.js';
export * from './table.js';
export * from './head.js';
export * from './page-number.js';
export * from './official-document.js';
export * from './chinese-date.js';
