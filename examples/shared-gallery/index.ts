/**
 * A gallery shared beyond its own subscription: with chosen subscriptions and tenants (direct
 * shared gallery), or published to the Azure community. Who it is shared with changes in place;
 * the kind of sharing is fixed when the gallery is created.
 *
 * Stack config (`pulumi config set shared-gallery:<key> …`):
 *   resourceGroupName     (required)
 *   location              default westus
 *   sharing               "groups" (default) or "community"
 *   subscriptions         ["<subscription id>", …]   with groups
 *   tenants               ["<tenant id>", …]         with groups
 *   publisher             { "uri", "contact", "eula", "prefix" }   with community
 */
import * as pulumi from "@pulumi/pulumi";
import { Gallery, GalleryImage } from "pulumi-azure-compute-gallery";

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");
const location = config.get("location") ?? "westus";
const sharing = config.get("sharing") ?? "groups";

function sharingProfile() {
    if (sharing === "community") {
        const p = config.requireObject<{ uri: string; contact: string; eula: string; prefix: string }>("publisher");
        return {
            permissions: "Community" as const,
            communityGalleryInfo: { publisherUri: p.uri, publisherContact: p.contact, eula: p.eula, publicNamePrefix: p.prefix, communityGalleryEnabled: true },
        };
    }
    const groups = [
        { type: "Subscriptions" as const, ids: config.getObject<string[]>("subscriptions") ?? [] },
        { type: "AADTenants" as const, ids: config.getObject<string[]>("tenants") ?? [] },
    ].filter((g) => g.ids.length > 0);
    return { permissions: "Groups" as const, groups };
}

const gallery = new Gallery("partner-images", {
    resourceGroupName,
    location,
    description: "Images shared with partner subscriptions",
    sharingProfile: sharingProfile(),
});

new GalleryImage("partner-ubuntu", {
    resourceGroupName,
    galleryName: gallery.galleryName,
    location,
    osType: "Linux",
    osState: "Generalized",
    hyperVGeneration: "V2",
    identifier: { publisher: "contoso", offer: "partner-ubuntu", sku: "24_04" },
});

export const galleryName = gallery.galleryName;
export const communityNames = gallery.communityPublicNames;
