/** A parsed file plus everything derived from it, computed once on first use and shared by all rules. */
import type { ParsedFile } from '../parse/parseFile';
import { hostedJsonsOf, isCredentialConfig, type HostedJson } from './credentials';
import { iamBindingsOf, type IamBinding } from './iam';
import { metadataEntriesOf, objectsOf, podSpecOf, type K8sObject, type MetadataEntry, type PodSpec } from './k8s';
import { trustPoliciesOf, type TrustPolicies } from './trust';
import { declaredRolesOf, type DeclaredRole } from './declaredRoles';
import { valuesEntriesOf, type ValuesEntry } from './values';
import { federatedCredentialsOf, type FederatedCredential } from './federatedCredentials';
import { gkeClustersOf, gkeNodePoolsOf, type TfCluster, type TfNodePool } from './gke';
import { podIdentityAssociationsOf, type PodIdentityAssociation } from './podIdentity';

export class FileModel {
  private _objects?: K8sObject[];
  private _pods?: PodSpec[];
  private _bindings?: IamBinding[];
  private _jsons?: HostedJson[];
  private _trust?: TrustPolicies;
  private _declaredRoles?: DeclaredRole[];
  private _metadata?: MetadataEntry[];
  private _values?: ValuesEntry[];
  private _associations?: PodIdentityAssociation[];
  private _credentials?: FederatedCredential[];
  private _clusters?: TfCluster[];
  private _nodePools?: TfNodePool[];

  /** Values derived from this file together with something else (a workspace view …), owned and dropped with it. */
  private readonly _derived = new WeakMap<object, WeakMap<object, unknown>>();

  constructor(readonly parsed: ParsedFile) {}

  /**
   * A value computed once per (`kind`, `key`) for this file — e.g. the pod views of one lint run (`key`: the
   * workspace view). `kind` is a constant object naming what is cached, so different caches never collide.
   */
  derived<T>(kind: object, key: object, compute: () => T): T {
    let byKey = this._derived.get(kind);
    if (!byKey) this._derived.set(kind, (byKey = new WeakMap()));
    if (!byKey.has(key)) byKey.set(key, compute());
    return byKey.get(key) as T;
  }

  get path(): string {
    return this.parsed.path;
  }

  get objects(): K8sObject[] {
    return (this._objects ??= objectsOf(this.parsed));
  }

  get podSpecs(): PodSpec[] {
    if (!this._pods) {
      this._pods = [];
      for (const o of this.objects) {
        const p = podSpecOf(o);
        if (p) this._pods.push(p);
      }
    }
    return this._pods;
  }

  /** Every annotation and label of the file's objects and pod templates, each source pair once. */
  get metadataEntries(): MetadataEntry[] {
    return (this._metadata ??= metadataEntriesOf(this.objects, this.podSpecs));
  }

  /** Annotations and labels typed into values files (Helm values and other YAML/JSON that is not a Kubernetes object). */
  get valuesEntries(): ValuesEntry[] {
    return (this._values ??= valuesEntriesOf(this.parsed));
  }

  /** JSON documents of the file: the file itself (.json) and JSON held in ConfigMap/Secret string values. */
  get hostedJsons(): HostedJson[] {
    return (this._jsons ??= hostedJsonsOf(this.parsed, this.objects));
  }

  /** Google credential configs (`external_account`), standalone or in ConfigMaps, including ones that do not parse. */
  get credentialConfigs(): HostedJson[] {
    return this.hostedJsons.filter(isCredentialConfig);
  }

  /** AWS role trust policies: standalone, CloudFormation, ACK (plus the ones that are not valid JSON). */
  get trustPolicies(): TrustPolicies {
    return (this._trust ??= trustPoliciesOf(this.parsed, this.objects));
  }

  /** Roles declared by their inputs (IRSA / Pod Identity modules, eksctl `iam.serviceAccounts`). */
  get declaredRoles(): DeclaredRole[] {
    return (this._declaredRoles ??= declaredRolesOf(this.parsed, this.objects));
  }

  get iamBindings(): IamBinding[] {
    return (this._bindings ??= iamBindingsOf(this.parsed, this.objects));
  }

  /** EKS Pod Identity associations (read by the facts and by aws/pod-identity-trust). */
  get podIdentityAssociations(): PodIdentityAssociation[] {
    return (this._associations ??= podIdentityAssociationsOf(this.parsed, this.objects));
  }

  /** Azure federated identity credentials (read by the facts and by azure/federated-credential). */
  get federatedCredentials(): FederatedCredential[] {
    return (this._credentials ??= federatedCredentialsOf(this.parsed));
  }

  /** Terraform GKE clusters (read by the facts and by the GKE node pool rules). */
  get gkeClusters(): TfCluster[] {
    return (this._clusters ??= gkeClustersOf(this.parsed));
  }

  get gkeNodePools(): TfNodePool[] {
    return (this._nodePools ??= gkeNodePoolsOf(this.parsed));
  }
}
