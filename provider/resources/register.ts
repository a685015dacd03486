/** What every gallery resource class does on construction: its URN for progress, then registration. */
import * as pulumi from "@pulumi/pulumi";
import { KindName, kinds } from "../kinds";
import { reportedProperties } from "../schema/engine";
import { MODULE, providers } from "./provider";

/** The dynamic resource type Pulumi registers for a kind, e.g. pulumi-nodejs:dynamic/azure-compute-gallery:Gallery. */
function typeToken(type: string): string {
    return `pulumi-nodejs:dynamic/${MODULE}:${type}`;
}

function registrationProps(kind: KindName, type: string, name: string, args: object | undefined, opts?: pulumi.CustomResourceOptions): pulumi.Inputs {
    const props: pulumi.Inputs = { ...args };
    // Pulumi gives a dynamic resource an output only for the props it registers: every input and
    // every value Azure reports is declared, set or not.
    for (const o of reportedProperties(kinds[kind].spec)) if (!(o in props)) props[o] = undefined;
    // The provider learns its own URN this way, to attach progress messages to the right row.
    props.__urn = pulumi.createUrn(name, typeToken(type), opts?.parent);
    return props;
}

/**
 * The arguments of `pulumi.dynamic.Resource` for a gallery resource: its kind's shared provider, its
 * props, its type. No args and an `opts.id` read an existing resource (the engine calls Read).
 */
export function dynamicResourceArgs(
    kind: KindName,
    type: string,
    name: string,
    args: object | undefined,
    opts?: pulumi.CustomResourceOptions,
): [pulumi.dynamic.ResourceProvider, string, pulumi.Inputs, pulumi.CustomResourceOptions | undefined, string, string] {
    return [providers[kind], name, registrationProps(kind, type, name, args, opts), opts, MODULE, type];
}
