// kubernetes-models and @kubernetes-models/* are ESM-only packages whose "exports" only declare an
// "import" condition. Jest resolves CommonJS requires without that condition, so for these packages
// (and only these) resolve with it; the Backstage jest transform then compiles them to CommonJS.
module.exports = (request, options) => {
  if (
    request === 'kubernetes-models' ||
    request.startsWith('kubernetes-models/') ||
    request.startsWith('@kubernetes-models/')
  ) {
    return options.defaultResolver(request, {
      ...options,
      conditions: ['import', 'node', 'default'],
    });
  }
  return options.defaultResolver(request, options);
};
