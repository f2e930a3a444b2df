/** Refactorings offered on a selected object: which annotations to add to a ServiceAccount, which generator fits a workload. */
import {
  AZURE_CLIENT_ID,
  AZURE_TENANT_ID,
  EKS_ROLE_ARN,
  GKE_AWS_ROLE_ARN,
  GKE_GSA_ANNOTATION,
} from '../model/identity';
import { TEMPLATE_OPTIONS, type OptionSpec } from './options';

export interface ServiceAccountRefactor {
  id: string;
  title: string;
  /** Annotation key → the option (and its validation) that asks for its value. */
  annotations: Array<{ key: string; option: OptionSpec }>;
}

const option = (template: string, name: string): OptionSpec => {
  const o = TEMPLATE_OPTIONS[template].find((x) => x.name === name);
  if (!o) throw new Error(`no option ${name} in ${template}`);
  return o;
};

export const SERVICE_ACCOUNT_REFACTORS: readonly ServiceAccountRefactor[] = [
  {
    id: 'gke',
    title: 'Add GKE Workload Identity to this ServiceAccount',
    annotations: [{ key: GKE_GSA_ANNOTATION, option: option('gke', 'gsa') }],
  },
  {
    id: 'eks-irsa',
    title: 'Add an EKS IRSA role to this ServiceAccount',
    annotations: [{ key: EKS_ROLE_ARN, option: option('eks-irsa', 'role-arn') }],
  },
  {
    id: 'gke-to-aws',
    title: 'Add an AWS role (GKE→AWS) to this ServiceAccount',
    annotations: [{ key: GKE_AWS_ROLE_ARN, option: option('gke-to-aws', 'role-arn') }],
  },
  {
    id: 'azure',
    title: 'Add Azure Workload Identity to this ServiceAccount',
    annotations: [
      { key: AZURE_CLIENT_ID, option: option('azure', 'client-id') },
      { key: AZURE_TENANT_ID, option: option('azure', 'tenant-id') },
    ],
  },
];

/** Generators that wire a selected workload (they ask for the rest and append the manifests). */
export const WORKLOAD_REFACTORS: ReadonlyArray<{ template: string; title: string }> = [
  { template: 'gke', title: 'Add GKE Workload Identity to this workload' },
  { template: 'fleet', title: 'Add Fleet Workload Identity Federation to this workload' },
  { template: 'eks-irsa', title: 'Add EKS IRSA identity to this workload' },
  { template: 'azure', title: 'Add Azure Workload Identity to this workload' },
];
