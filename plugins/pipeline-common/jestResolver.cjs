// @kubernetes-models/* packages are ESM-only: their "exports" only declare an "import" condition,
// which Jest's CommonJS resolution does not use. For these packages (and only these) resolve with
// it; the Backstage jest transform then compiles them to CommonJS. Used by the Strimzi CR tests.
// The package's jest config also sets its own `id`: Backstage derives ids from the transform only,
// and node projects sharing an id share one resolver in a repo-wide run, which drops this one.
module.exports = (request, options) => {
  if (request.startsWith('@kubernetes-models/')) {
    return options.defaultResolver(request, {
      ...options,
      conditions: ['import', 'node', 'default'],
    });
  }
  return options.defaultResolver(request, options);
};
