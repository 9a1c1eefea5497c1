// kubernetes-models and @kubernetes-models/* are ESM-only packages whose "exports" only declare an
// "import" condition. Jest resolves CommonJS requires without that condition, so for these packages
// (and only these) resolve with it; the Backstage jest transform then compiles them to CommonJS.
// The package's jest config also sets its own `id`: Backstage derives ids from the transform only,
// and node projects sharing an id share one resolver in a repo-wide run, which drops this one.
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
