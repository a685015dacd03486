/**
 * A VM application: a monitoring agent for Linux VMs, kept in a gallery and installed by VMs that
 * name it. Each build uploads its package to a blob container and appends a version to the manifest
 * (versions.json); the stack publishes each version from its blob to its regions. When a new version
 * ships, the one before is taken out of latest and given an end-of-life date (in place: it stays
 * published, so VMs that pin it keep working), so nothing published is ever replaced.
 *
 * Stack config (`pulumi config set vm-application:<key> …`):
 *   resourceGroupName      resource group that holds the gallery (required)
 *   packageSas             the container's read SAS token, `sv=…&sig=…` (required, set with --secret)
 *   packageContainer       default https://contosoapps.blob.core.windows.net/packages
 *   manifest               relative to the project directory (default examples/vm-application/versions.json)
 *   location               the gallery's region (default westus)
 *   galleryName            default vm_apps
 * Azure settings come from azure-compute-gallery:* or azure-native:* config, or the environment.
 */
import { readFileSync } from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Gallery, GalleryApplication, GalleryApplicationVersion } from "pulumi-azure-compute-gallery";
import { ApplicationEntry, parseApplicationManifest } from "./manifest";

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");
const location = config.get("location") ?? "westus";
// A secret Output: the links built from it are secret too, so the token stays encrypted in state
// and out of every diff and log line.
const sas = config.requireSecret("packageSas");
const container = config.get("packageContainer") ?? "https://contosoapps.blob.core.windows.net/packages";

const manifestFile = config.get("manifest") ?? "examples/vm-application/versions.json";
const manifest = parseApplicationManifest(readFileSync(path.resolve(manifestFile), "utf8"), manifestFile);

const gallery = new Gallery("apps", {
    resourceGroupName,
    galleryName: config.get("galleryName") ?? "vm_apps",
    location,
    description: "VM applications published by the platform team",
});

const agent = new GalleryApplication("agent", {
    resourceGroupName,
    galleryName: gallery.galleryName,
    galleryApplicationName: "monitoring-agent",
    location,
    // Fixed at create: a Linux application installs only on Linux VMs.
    supportedOSType: "Linux",
    description: "Monitoring agent",
});

// One resource per version, named by it: a new entry adds one; out of latest and end of life are
// updated in place.
const versionOf = (entry: ApplicationEntry) =>
    new GalleryApplicationVersion(`agent-${entry.version}`, {
        resourceGroupName,
        galleryName: gallery.galleryName,
        galleryApplicationName: agent.galleryApplicationName,
        galleryApplicationVersionName: entry.version,
        location,
        publishingProfile: {
            source: { mediaLink: pulumi.interpolate`${container}/${entry.package}?${sas}` },
            // Azure downloads the package as a file named after the application; the scripts unpack it.
            manageActions: {
                install: "tar -xzf monitoring-agent -C /opt && /opt/monitoring-agent/install.sh",
                remove: "/opt/monitoring-agent/uninstall.sh",
            },
            targetRegions: entry.regions.map((name) => ({ name })),
            excludeFromLatest: entry.excludeFromLatest ?? false,
            ...(entry.endOfLife !== undefined ? { endOfLifeDate: `${entry.endOfLife}T00:00:00Z` } : {}),
        },
        tags: { build: entry.version },
    });

const versions = manifest.versions.map((e) => [e.version, versionOf(e)] as const);
const [latestVersion, latest] = versions.find(([v]) => manifest.versions.find((e) => e.version === v)!.excludeFromLatest !== true)!;

export const applicationId = agent.id;
export { latestVersion };
export const latestVersionId = latest.id;
export const replication = latest.replicationStatus.apply((s) => s?.summary.map((r) => `${r.region}: ${r.state}`));
