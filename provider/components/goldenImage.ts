/**
 * GoldenImage: an image definition and the versions a build pipeline has published to it, from a
 * manifest (imageManifest.ts), kept by a retention policy (retention.ts). The definition and each
 * version are child resources of the component, each version named `<name>-<version>`: adding or
 * reordering entries never renames, so never replaces, a published version.
 */
import * as pulumi from "@pulumi/pulumi";
import { Gallery } from "../resources/gallery";
import { GalleryImage, GalleryImageArgs } from "../resources/galleryImage";
import { GalleryImageVersion, GalleryImageVersionArgs, TargetRegionArgs } from "../resources/galleryImageVersion";
import { MODULE } from "../schema/kinds";
import { ImageManifest, ImageManifestEntry, checkImageManifest, endOfLifeDate } from "./imageManifest";
import { RetentionPlan, RetentionPolicy, planRetention, retentionProblems } from "./retention";

/** The image definition: every GalleryImage argument but where it lives, which the component gives. */
export type GoldenImageDefinitionArgs = Omit<GalleryImageArgs, "resourceGroupName" | "galleryName" | "location" | "subscriptionId">;

/** What every version gets besides what its manifest entry says. */
export type GoldenImageVersionArgs = Pick<GalleryImageVersionArgs, "tags" | "safetyProfile" | "waitForReplication" | "timeouts">;

interface GoldenImageCommonArgs {
    /** The image definition's arguments. */
    image: GoldenImageDefinitionArgs;
    /** The versions, one entry each; checked when the program runs, so a mistake stops the preview. */
    manifest: ImageManifest;
    /** Which versions stay in latest and which are retired (default: one in latest, retired past end of life). */
    retention?: RetentionPolicy;
    /** Tags, safety profile, replication wait and timeouts for every version. */
    versions?: GoldenImageVersionArgs;
    /** The subscription of the gallery; default the gallery resource's, else the provider's. */
    subscriptionId?: pulumi.Input<string>;
}

/** The gallery as a resource of the stack (or read with `Gallery.get`): it gives its resource group, region and subscription. */
export interface GoldenImageInGalleryArgs extends GoldenImageCommonArgs {
    gallery: Gallery;
    /** The definition's and the versions' region (the build images'); default the gallery's. */
    location?: pulumi.Input<string>;
}

/** The gallery by name, managed elsewhere. */
export interface GoldenImageInNamedGalleryArgs extends GoldenImageCommonArgs {
    gallery: pulumi.Input<string>;
    resourceGroupName: pulumi.Input<string>;
    /** The definition's and the versions' region (the build images'). */
    location: pulumi.Input<string>;
}

export type GoldenImageArgs = GoldenImageInGalleryArgs | GoldenImageInNamedGalleryArgs;

/** The component's type token. */
export const GOLDEN_IMAGE_TYPE = `${MODULE}:index:GoldenImage`;

/** An entry's version arguments: its source, its regions in order (targetRegions[i] is regions[i]), latest, end of life. */
function versionArgs(entry: ImageManifestEntry, inLatest: boolean): Pick<GalleryImageVersionArgs, "storageProfile" | "publishingProfile"> {
    const endOfLife = entry.endOfLife === undefined ? undefined : endOfLifeDate(entry.endOfLife);
    return {
        storageProfile: { source: { id: entry.source } },
        publishingProfile: {
            targetRegions: entry.regions.map((r): TargetRegionArgs => ({
                name: r.name,
                regionalReplicaCount: r.replicas ?? 1,
                storageAccountType: r.zoneRedundant ? "Standard_ZRS" : "Standard_LRS",
            })),
            excludeFromLatest: !inLatest,
            ...(endOfLife !== undefined ? { endOfLifeDate: endOfLife } : {}),
        },
    };
}

/** Where the definition and its versions live: the gallery resource's place, or the one given with the gallery's name. */
function placement(args: GoldenImageArgs, label: string): Pick<GalleryImageArgs, "resourceGroupName" | "galleryName" | "location" | "subscriptionId"> {
    const subscription = args.subscriptionId !== undefined ? { subscriptionId: args.subscriptionId } : {};
    if (args.gallery instanceof Gallery) {
        const g = args.gallery;
        return { resourceGroupName: g.resourceGroupName, galleryName: g.galleryName, location: args.location ?? g.location, subscriptionId: args.subscriptionId ?? g.subscriptionId };
    }
    const named = args as GoldenImageInNamedGalleryArgs;
    // A gallery given by name says nothing of where it is; the types ask for both, a JavaScript program may not.
    const missing = (["resourceGroupName", "location"] as const).filter((k) => named[k] === undefined);
    if (missing.length > 0) throw new Error(`${label}: ${missing.join(", ")}: required with a gallery given by name`);
    return { resourceGroupName: named.resourceGroupName, galleryName: named.gallery, location: named.location, ...subscription };
}

/**
 * An image definition and its published versions, from a manifest. Each entry becomes a
 * GalleryImageVersion named `<name>-<version>`; the retention policy takes older versions out of
 * latest and retires those past their end of life (never the newest, never the last in latest).
 * A mistake in the manifest or the policy throws when the program runs, naming the entry and the
 * field (`versions[3].regions[1].name`), so `pulumi preview` stops before anything reaches Azure.
 */
export class GoldenImage extends pulumi.ComponentResource {
    /** What the retention policy decided, known when the program runs (the outputs below hold the same). */
    readonly plan: RetentionPlan;
    /** The image definition. */
    readonly image: GalleryImage;
    /** The published versions' resources, by version name (retired versions are not here). */
    readonly versions: Readonly<Record<string, GalleryImageVersion>>;
    /** The image definition's ARM id. */
    readonly imageId: pulumi.Output<string>;
    /** Each published version's ARM id, by version name. */
    readonly versionIds: pulumi.Output<Record<string, string>>;
    /** The highest version in the manifest; never retired. */
    readonly newestVersion: pulumi.Output<string>;
    /** The version Azure gives a VM that asks for latest: the highest one in latest. */
    readonly latestVersion: pulumi.Output<string>;
    /** The versions in latest, newest first; the other published ones are out of it. */
    readonly inLatest: pulumi.Output<string[]>;
    /** The manifest's entries past their end of life, retired: removed from the stack, so deleted in Azure. */
    readonly retired: pulumi.Output<string[]>;

    constructor(name: string, args: GoldenImageArgs, opts?: pulumi.ComponentResourceOptions) {
        // Checked before anything is registered, the component included: a mistake leaves nothing half-planned.
        const label = `GoldenImage "${name}"`;
        const manifest = checkImageManifest(args.manifest, `${label}: the manifest`);
        const policyProblems = retentionProblems(args.retention);
        if (policyProblems.length > 0) throw new Error(`${label}: ${policyProblems.join("; ")}`);
        const where = placement(args, label);
        const plan = planRetention(
            manifest.versions.map((e) => ({ version: e.version, excludeFromLatest: e.excludeFromLatest, endOfLifeDate: e.endOfLife === undefined ? undefined : endOfLifeDate(e.endOfLife) })),
            args.retention,
        );
        super(GOLDEN_IMAGE_TYPE, name, {}, opts);
        this.plan = plan;
        const child = { parent: this };

        this.image = new GalleryImage(name, { ...args.image, ...where }, child);
        const entries = new Map(manifest.versions.map((e) => [e.version, e]));
        const inLatest = new Set(plan.inLatest);
        const version = (v: string, after: pulumi.Resource[]) =>
            new GalleryImageVersion(
                `${name}-${v}`,
                { ...args.versions, ...where, galleryImageName: this.image.galleryImageName, galleryImageVersionName: v, ...versionArgs(entries.get(v)!, inLatest.has(v)) },
                { ...child, dependsOn: after },
            );
        // The versions in latest are written (a new one created and replicated) before any other is
        // taken out of it, so no moment of the run leaves latest with nothing to resolve to.
        const latestOnes = plan.published.filter((v) => inLatest.has(v)).map((v) => [v, version(v, [])] as const);
        const others = plan.published.filter((v) => !inLatest.has(v)).map((v) => [v, version(v, latestOnes.map(([, r]) => r))] as const);
        this.versions = Object.fromEntries(plan.published.map((v) => [v, [...latestOnes, ...others].find(([x]) => x === v)![1]]));

        this.imageId = this.image.id;
        this.versionIds = pulumi.all(Object.fromEntries(Object.entries(this.versions).map(([v, r]) => [v, r.id])));
        this.newestVersion = pulumi.output(plan.newest);
        this.latestVersion = pulumi.output(plan.latest);
        this.inLatest = pulumi.output(plan.inLatest);
        this.retired = pulumi.output(plan.retired);
        this.registerOutputs({
            imageId: this.imageId,
            versionIds: this.versionIds,
            newestVersion: this.newestVersion,
            latestVersion: this.latestVersion,
            inLatest: this.inLatest,
            retired: this.retired,
        });
    }
}
