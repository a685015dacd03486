/**
 * The provider objects Pulumi serializes into every resource's state (`__provider`, twice per
 * resource). Each method reaches the implementation through the package's stable `runtime` export,
 * so the serialized text is a few hundred bytes and holds no code, client or credential by value.
 * One instance per kind: Pulumi caches the serialized text per provider object.
 */
import type * as pulumi from "@pulumi/pulumi";
import { KIND_NAMES, KindName } from "../schema/kinds";

function shim(kind: KindName): pulumi.dynamic.ResourceProvider {
    return {
        configure: (req) => require("pulumi-azure-compute-gallery/runtime").configure(req),
        check: (olds, news) => require("pulumi-azure-compute-gallery/runtime").providers[kind].check(olds, news),
        diff: (id, olds, news) => require("pulumi-azure-compute-gallery/runtime").providers[kind].diff(id, olds, news),
        create: (inputs) => require("pulumi-azure-compute-gallery/runtime").providers[kind].create(inputs),
        read: (id, props) => require("pulumi-azure-compute-gallery/runtime").providers[kind].read(id, props),
        update: (id, olds, news) => require("pulumi-azure-compute-gallery/runtime").providers[kind].update(id, olds, news),
        delete: (id, props) => require("pulumi-azure-compute-gallery/runtime").providers[kind].delete(id, props),
    };
}

export const providers = Object.fromEntries(KIND_NAMES.map((k) => [k, shim(k)])) as Record<KindName, pulumi.dynamic.ResourceProvider>;
