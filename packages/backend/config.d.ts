export interface Config {
  techdocs?: {
    generator?: {
      mkdocs?: {
        /**
         * Read by @backstage/plugin-techdocs-node (it builds without the pip-only
         * techdocs-core plugin when true) but missing from that package's config schema, so
         * `config:check --strict` refused it. Declared here until upstream declares it.
         */
        omitTechdocsCorePlugin?: boolean;
      };
    };
  };
}
