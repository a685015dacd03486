/** What every gallery resource class does on construction: its URN for progress, then registration. */
import * as pulumi from "@pulumi/pulumi";
import { reportedProperties } from "../schema/engine";
import { KINDS, KindName, MODULE, typeToken } from "../schema/kinds";
import { providers } from "./provider";

function registrationProps(kind: KindName, name: string, args: object | undefined, opts?: pulumi.CustomResourceOptions): pulumi.Inputs {
    const props: pulumi.Inputs = { ...args };
    // Pulumi gives a dynamic resource an output only for the props it registers: every input and
    // every value Azure reports is declared, set or not.
    for (const o of reportedProperties(KINDS[kind])) if (!(o in props)) props[o] = undefined;
    // The provider learns its own URN this way, to attach progress messages to the right row.
    props.__urn = pulumi.createUrn(name, typeToken(kind), opts?.parent);
    return props;
}

/**
 * The arguments of `pulumi.dynamic.Resource` for a gallery resource: its kind's shared provider, its
 * props, its type. No args and an `opts.id` read an existing resource (the engine calls Read).
 */
export function dynamicResourceArgs(
    kind: KindName,
    name: string,
    args: object | undefined,
    opts?: pulumi.CustomResourceOptions,
): [pulumi.dynamic.ResourceProvider, string, pulumi.Inputs, pulumi.CustomResourceOptions | undefined, string, string] {
    return [providers[kind], name, registrationProps(kind, name, args, opts), opts, MODULE, KINDS[kind].kind];
}
