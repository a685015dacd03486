/**
 * List pages as ARM's gallery service hands them out: at most `pageSize` items, then a `nextLink`
 * (spec: every list operation is `x-ms-pageable` with `nextLinkName: nextLink`). The official list
 * examples show what the link continues from: `…/versions?$skiptoken={token}/Subscriptions/…/versions/1.0.0`
 * (GalleryImageVersion_ListByGalleryImage.json, GalleryApplicationVersion_ListByGalleryApplication.json,
 * GallerySoftDeletedResource_ListByArtifactName.json, SharedGalleryImageVersions_List.json …), a token
 * ending in the last item listed, not a position. So a page starts after the last item of the one
 * before: an item deleted in between does not shift the rest past the client. The link keeps the
 * request's other options (`sharedTo=tenant` on the shared lists), as the SDK follows it verbatim.
 */
import { JsonObject } from "./json";

export interface PageRequest {
    path: string;
    query: URLSearchParams;
    baseUrl: string;
}

/**
 * One page of `items`. `order` gives each item a key that sorts it into the list and names it in
 * the continuation (unique per item, stable while the item exists).
 */
export function page<T>(req: PageRequest, items: T[], order: (item: T) => string, render: (item: T) => JsonObject, pageSize: number): JsonObject {
    const after = req.query.get("$skiptoken");
    const sorted = items.map((item) => ({ item, key: order(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const rest = after === null ? sorted : sorted.filter((x) => x.key > after);
    const shown = rest.slice(0, pageSize);
    const body: JsonObject = { value: shown.map((x) => render(x.item)) };
    if (rest.length > shown.length) {
        const kept = [...req.query.entries()].filter(([k]) => k !== "$skiptoken").map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
        body.nextLink = `${req.baseUrl}${req.path}?${[...kept, `$skiptoken=${encodeURIComponent(shown[shown.length - 1].key)}`].join("&")}`;
    }
    return body;
}

/** The order of resources in a list: oldest first (as the emulator has always listed them), then by id. */
export function creationOrder(createdAt: number, key: string): string {
    return `${String(createdAt).padStart(15, "0")}${key}`;
}
