/**
 * Functions for programs that deploy VMs from a gallery: which version `latest` resolves to, and a
 * gallery's status region by region. Each comes as Pulumi's function pair where a program needs it:
 * `getX` returns a Promise, `getXOutput` takes `pulumi.Input`s and returns a `pulumi.Output`.
 *
 * They run in the program's own process, not in the provider host: settings and credentials are read
 * as the resources read them (provider/azure/settings.ts), with the program's Pulumi config standing in
 * for the stack config that the host is handed. The Azure SDK is loaded when a function is called
 * (reading.ts), so importing the package loads none of it (test/provider/imports.test.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { addressFromId } from "../armIds";
import { additionalRegions } from "../config";
import { unknownRegion } from "../schema/regions";
import { programConfig } from "./session";
import type { GalleryStatus, LatestVersion } from "./types";

export type { DefinitionStatus, GalleryStatus, LatestVersion, RegionLatest, RegionStatus, VersionRegion, VersionStatus } from "./types";

/** What the latest-version functions share. */
interface LatestArgs {
    resourceGroupName: string;
    galleryName: string;
    /**
     * The region a VM is deployed to: only versions that target it, whose replication there has
     * completed, and that the region (else the version) does not exclude from latest. Without it: a
     * version excluded in every region it targets is skipped, and replication is not looked at.
     */
    region?: string;
    /** Admit versions whose end of life date has passed (skipped by default). */
    includeEndOfLife?: boolean;
    /** The subscription; else stack config `azure-compute-gallery:subscriptionId` (or azure-native's), else ARM_SUBSCRIPTION_ID. */
    subscriptionId?: string;
}

export interface GetLatestImageVersionArgs extends LatestArgs {
    galleryImageName: string;
}

export interface GetLatestApplicationVersionArgs extends LatestArgs {
    galleryApplicationName: string;
}

/** The args of an `...Output` function: each may be an Input. */
type InputArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };
export type GetLatestImageVersionOutputArgs = InputArgs<GetLatestImageVersionArgs>;
export type GetLatestApplicationVersionOutputArgs = InputArgs<GetLatestApplicationVersionArgs>;

export type GalleryStatusArgs = { galleryId: string } | { resourceGroupName: string; galleryName: string; subscriptionId?: string };

/** In a program, stack config is the program's own Pulumi config (the engine hands it over in PULUMI_CONFIG). */

function required(fn: string, args: object, names: string[]): void {
    for (const name of names) {
        const value = (args as Record<string, unknown>)[name];
        if (typeof value !== "string" || value === "") throw new Error(`${fn}: ${name} is required (a non-empty string), got ${JSON.stringify(value)}.`);
    }
}

async function latest(fn: string, kind: "image" | "application", name: string, args: LatestArgs): Promise<LatestVersion> {
    // A misspelt region would only find no version there: refused first, as the resources refuse it.
    const unknown = args.region === undefined ? undefined : unknownRegion(args.region, additionalRegions(process.env, programConfig));
    if (unknown) throw new Error(`${fn}: region ${unknown}.`);
    const { latestVersion } = await import("./reading");
    return latestVersion(
        { subscriptionId: args.subscriptionId, config: programConfig },
        { kind, resourceGroupName: args.resourceGroupName, galleryName: args.galleryName, name },
        { region: args.region, includeEndOfLife: args.includeEndOfLife === true, now: new Date() },
    ).catch((e: unknown) => {
        throw new Error(`${fn}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
}

/**
 * The version of an image definition that `latest` resolves to: the highest Major.Minor.Patch among
 * the versions that are provisioned, not excluded from latest, not past their end of life and, with
 * `region`, replicated there. Fails, saying why, when none qualifies.
 */
export async function getLatestImageVersion(args: GetLatestImageVersionArgs): Promise<LatestVersion> {
    required("getLatestImageVersion", args, ["resourceGroupName", "galleryName", "galleryImageName"]);
    return latest("getLatestImageVersion", "image", args.galleryImageName, args);
}

export function getLatestImageVersionOutput(args: GetLatestImageVersionOutputArgs): pulumi.Output<LatestVersion> {
    return pulumi.output(args).apply((a) => getLatestImageVersion(a));
}

/** The version of a VM application that `latest` resolves to, by the rules of `getLatestImageVersion`. */
export async function getLatestApplicationVersion(args: GetLatestApplicationVersionArgs): Promise<LatestVersion> {
    required("getLatestApplicationVersion", args, ["resourceGroupName", "galleryName", "galleryApplicationName"]);
    return latest("getLatestApplicationVersion", "application", args.galleryApplicationName, args);
}

export function getLatestApplicationVersionOutput(args: GetLatestApplicationVersionOutputArgs): pulumi.Output<LatestVersion> {
    return pulumi.output(args).apply((a) => getLatestApplicationVersion(a));
}

/** The gallery's names from the args: its ARM id, or its resource group and name. */
function galleryOf(args: GalleryStatusArgs, caller: string): { subscriptionId?: string; resourceGroupName: string; galleryName: string } {
    if ("galleryId" in args) {
        const names = addressFromId("Gallery", [{ type: "galleries", field: "galleryName" }], String(args.galleryId), caller);
        return { subscriptionId: String(names.subscriptionId), resourceGroupName: String(names.resourceGroupName), galleryName: String(names.galleryName) };
    }
    required(caller, args, ["resourceGroupName", "galleryName"]);
    return args;
}

/**
 * Each image definition and VM application of a gallery: its versions region by region (replication,
 * excludeFromLatest of the version and of each region, end of life, provisioning state) and the
 * version `latest` resolves to in each region.
 */
export async function galleryStatus(args: GalleryStatusArgs): Promise<GalleryStatus> {
    const gallery = galleryOf(args, "galleryStatus");
    const reading = await import("./reading");
    return reading.galleryStatus({ subscriptionId: gallery.subscriptionId, config: programConfig }, gallery.resourceGroupName, gallery.galleryName, new Date());
}
