// Where the arguments of multi-language components hold values judged by the name they are
// given, for no-plaintext-credentials: the awsx ECS containers' `environment` lists
// (`[{ name, value }]`, the ones that become the task definition's container definitions) and
// the EKS node groups' user data. Their `secrets` lists (`valueFrom` an ARN) are the safe form.
// The scan reads them at the component's own paths, so a message names the argument the user
// wrote. A registration with no properties (a real preview, where the provider registers the
// component) has nothing here: the children's task definitions and launch templates are judged.

import type { PropertyBag } from "../lib/props";
import { get, isRecord, PathStep } from "../lib/props";
import type { ContainerForm } from "../credentials/material";

export interface ComponentContainer {
    readonly path: readonly PathStep[];
    readonly form: ContainerForm;
    readonly descriptive?: boolean;
}

/** The container definitions of an awsx task definition's arguments at `at`. */
function containerEnvironments(props: PropertyBag, at: readonly PathStep[]): ComponentContainer[] {
    const found: ComponentContainer[] = [];
    if (get(props, ...at, "container") !== undefined) found.push({ path: [...at, "container", "environment"], form: "name-value-list" });
    const containers = get(props, ...at, "containers");
    if (isRecord(containers)) for (const name of Object.keys(containers)) found.push({ path: [...at, "containers", name, "environment"], form: "name-value-list" });
    return found;
}

const userData = (...keys: string[]) => (): ComponentContainer[] => keys.map((key) => ({ path: [key], form: "script" as const }));

const CONTAINERS: ReadonlyMap<string, (props: PropertyBag) => ComponentContainer[]> = new Map(Object.entries({
    "awsx:ecs:FargateService": (props) => containerEnvironments(props, ["taskDefinitionArgs"]),
    "awsx:ecs:EC2Service": (props) => containerEnvironments(props, ["taskDefinitionArgs"]),
    "awsx:ecs:FargateTaskDefinition": (props) => containerEnvironments(props, []),
    "awsx:ecs:EC2TaskDefinition": (props) => containerEnvironments(props, []),
    "eks:index:Cluster": userData("nodeUserData"),
    "eks:index:NodeGroup": userData("nodeUserData", "nodeUserDataOverride"),
    "eks:index:NodeGroupV2": userData("nodeUserData", "nodeUserDataOverride"),
}));

/** The component types whose free-form arguments the plaintext scan reads. */
export const SCANNED_COMPONENT_TYPES: readonly string[] = [...CONTAINERS.keys()];

export function componentContainers(type: string, props: PropertyBag): readonly ComponentContainer[] {
    const containers = CONTAINERS.get(type);
    return containers && Object.keys(props).length > 0 ? containers(props) : [];
}
