export const walk = {};
