import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Select,
  Text,
  TextField,
} from '@backstage/ui';
import {
  isValidIdentifier,
  paimonTagFor,
  type ReferencesResponse,
} from '@internal/backstage-plugin-pipeline-common';
import { useState } from 'react';
import type { NessieApi } from '../api/NessieApi';

const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');

/** Names must lie under the entity's prefix; the dialog says so before the backend has to. */
function nameProblem(name: string, prefix: string): string | undefined {
  if (!name.startsWith(prefix) || name.length === prefix.length)
    return `The name must start with ${prefix}`;
  if (!isValidIdentifier('nessieRef', name))
    return 'Use letters, digits, "_" and "-" in segments joined by "/" (e.g. finance/daily-20261124)';
  return undefined;
}

/** Creates a tag or branch inside the entity's namespace, at the current head of a chosen reference. */
export function CreateReferenceDialog(props: {
  api: NessieApi;
  entityRef: string;
  data: ReferencesResponse;
  source?: string;
  isOpen: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { api, entityRef, data, isOpen, onClose, onDone } = props;
  const [type, setType] = useState<'TAG' | 'BRANCH'>('TAG');
  // finance/daily → finance/daily-20261124 (the tag policy's shape); main → main/release-20261124.
  const [name, setName] = useState(
    data.branch.includes('/')
      ? `${data.branch}-${today()}`
      : `${data.prefix}release-${today()}`,
  );
  // Tables commit to main: a release tags main's head (the entity's branch is only a namespace).
  const [source, setSource] = useState(
    props.source ??
      (data.references.some(r => r.name === 'main') ? 'main' : data.branch),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const from = data.references.find(r => r.name === source);
  const problem = nameProblem(name, data.prefix);

  const run = async () => {
    if (!from || problem) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.createReference(entityRef, {
        type,
        name,
        from: { ref: from.name, hash: from.hash },
      });
      onDone(
        `Created ${type === 'TAG' ? 'tag' : 'branch'} ${
          res.reference.name
        } at ${res.reference.hash.slice(0, 12)}.`,
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog isOpen={isOpen} onOpenChange={open => !open && !busy && onClose()}>
      <DialogHeader>Create a tag or branch</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Select
            label="Kind"
            options={[
              { id: 'TAG', label: 'Tag (fixed, e.g. a daily release)' },
              { id: 'BRANCH', label: 'Branch (movable)' },
            ]}
            value={type}
            onChange={v => setType(v === 'BRANCH' ? 'BRANCH' : 'TAG')}
          />
          <TextField
            label="Name"
            description={`Only names under ${data.prefix} (this entity's namespace).`}
            value={name}
            onChange={setName}
          />
          {problem ? (
            <Text color="danger" variant="body-small">
              {problem}
            </Text>
          ) : null}
          <Select
            label="From"
            options={data.references.map(r => ({
              id: r.name,
              label: `${r.name} @ ${r.hash.slice(0, 12)}`,
            }))}
            value={source}
            onChange={v => setSource(String(v))}
          />
          <Text variant="body-small" color="secondary">
            Paimon tag names cannot hold "/": the Paimon tag that pairs with
            this name is <code>{paimonTagFor(name)}</code>.
          </Text>
          {error ? (
            <Alert
              status="danger"
              title="Could not create it"
              description={error.message}
            />
          ) : null}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" isDisabled={busy} onPress={onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          isPending={busy}
          isDisabled={Boolean(problem) || !from}
          onPress={run}
        >
          Create {type === 'TAG' ? 'tag' : 'branch'}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
