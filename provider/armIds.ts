/**
 * ARM resource ids of the gallery resources, read back into the inputs that address them, for a
 * resource read by its id alone (`Gallery.get`). ARM treats every part of an id without regard to
 * case (Microsoft's "Naming rules and restrictions"), and re-cases them in its answers.
 */
import { Inputs } from "./schema/types";

/** The resource provider all gallery resources belong to. */
const NAMESPACE = "Microsoft.Compute";

/** One level of a resource's place in ARM: the path segment's type and the input holding its name, as in galleries/{galleryName}. */
export interface AddressPart {
    type: string;
    field: string;
}

/**
 * ARM's form of a resource id: /subscriptions/{s}/resourceGroups/{rg}/providers/{namespace} then
 * type/name pairs (ARM's "Resource ID" format).
 */
const RESOURCE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)((?:\/[^/]+\/[^/]+)+)$/i;

/** The id a kind's address asks for, with its names as placeholders, for messages and the reference pages. */
export function idTemplate(address: AddressPart[]): string {
    return `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/${NAMESPACE}/${address.map((a) => `${a.type}/{${a.field}}`).join("/")}`;
}

/** The ARM id of the resource `names` address, one name for each part of the kind's address. */
export function idOf(subscriptionId: string, resourceGroupName: string, address: AddressPart[], names: string[]): string {
    return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/${NAMESPACE}/${address.map((a, i) => `${a.type}/${names[i]}`).join("/")}`;
}

/**
 * The inputs that address the resource an id names (subscription, resource group and each name), or
 * an error saying which id `kind` needs and what the id given names instead; `caller` is who needs it.
 */
export function addressFromId(kind: string, address: AddressPart[], id: string, caller = `${kind}.get`): Inputs {
    const m = RESOURCE_ID.exec(id);
    const wanted = `${caller} needs the ARM id of a ${kind}, ${idTemplate(address)}`;
    if (!m) throw new Error(`${wanted}; "${id}" is not an ARM resource id`);
    const [, subscriptionId, resourceGroupName, namespace, rest] = m;
    const pairs = rest.slice(1).split("/");
    const types = pairs.filter((_, i) => i % 2 === 0);
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    if (!same(namespace, NAMESPACE) || types.length !== address.length || types.some((t, i) => !same(t, address[i].type))) {
        throw new Error(`${wanted}; "${id}" is the id of a ${namespace}/${types.join("/")} resource`);
    }
    const names = Object.fromEntries(address.map((a, i) => [a.field, pairs[2 * i + 1]]));
    return { subscriptionId, resourceGroupName, ...names };
}
