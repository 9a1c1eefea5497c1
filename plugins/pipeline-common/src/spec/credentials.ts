import { z } from 'zod';

/**
 * Connector credentials are references only: a Kafka Connect config provider placeholder
 * (`${file:/abs/path:key}`, `${env:VAR}`) or a Kubernetes secret name + key. A literal
 * password in the spec would end up in git, in the catalog and in Connect's REST output.
 */
const FILE_REF = /^\$\{file:(\/[A-Za-z0-9._/-]+):([A-Za-z0-9._-]+)\}$/;
const ENV_REF = /^\$\{env:([A-Z_][A-Z0-9_]*)\}$/;
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]{0,251}[a-z0-9])?$/;
const SECRET_KEY = /^[A-Za-z0-9._-]{1,253}$/;

export const credentialReference = z.union([
  z.string().superRefine((value, ctx) => {
    const file = FILE_REF.exec(value);
    if (file && !file[1].split('/').includes('..')) return;
    if (ENV_REF.test(value)) return;
    ctx.addIssue({
      code: 'custom',
      message: file
        ? 'credentialReference: file path must not contain ".." segments'
        : 'credentialReference: must be a config provider reference ${file:/abs/path:key} or ${env:VAR}, or { secret, key }; inline credentials are not allowed',
    });
  }),
  z
    .object({
      secret: z.string().regex(SECRET_NAME, {
        message: 'credentialReference: secret must be a Kubernetes secret name',
      }),
      key: z.string().regex(SECRET_KEY, {
        message: 'credentialReference: key must be a Kubernetes secret key',
      }),
    })
    .strict(),
]);
export type CredentialReference = z.infer<typeof credentialReference>;

/**
 * The string Connect resolves at runtime. Secret references use Strimzi's
 * KubernetesSecretConfigProvider registered as `secrets` (not available on the local stack).
 */
export function credentialPlaceholder(ref: CredentialReference): string {
  return typeof ref === 'string' ? ref : `\${secrets:${ref.secret}:${ref.key}}`;
}
