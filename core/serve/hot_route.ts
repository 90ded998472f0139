/**
 * The two routes that carry a service's traffic, recognised from the
 * request's URL without the router: `POST /v1/models/{name}/predict` and
 * `POST /v2/models/{name}/infer`. The app answers them straight away and
 * leaves every other request (and any path it is not sure of: an encoded
 * name, a trailing slash, a version) to its router, which answers them
 * alike; the shortcut only saves the router's work, about half a
 * microsecond a request.
 *
 * @module
 */

/** A request to one of the hot routes. */
export interface HotRoute {
  /** Which: the v1 prediction or the v2 inference. */
  readonly kind: "predict" | "infer";
  /** The model name in the path. */
  readonly name: string;
}

const _V1 = "/v1/models/", _V2 = "/v2/models/", _PREDICT = "/predict", _INFER = "/infer";

/**
 * The hot route a request's method and absolute URL name, or undefined for
 * anything else.
 *
 * @example
 * ```ts
 * import { hotRoute } from "./hot_route.ts";
 * const hit = hotRoute("POST", "http://127.0.0.1:8080/v1/models/churn/predict?x=1");
 * if (hit?.kind !== "predict" || hit.name !== "churn") throw new Error(JSON.stringify(hit));
 * if (hotRoute("POST", "http://h/v1/models/churn/versions/3/predict") !== undefined) throw new Error();
 * if (hotRoute("GET", "http://h/v2/models/churn/infer") !== undefined) throw new Error();
 * ```
 */
export function hotRoute(method: string, url: string): HotRoute | undefined {
  if (method !== "POST") return undefined;
  const scheme = url.indexOf("://");
  const start = scheme < 0 ? -1 : url.indexOf("/", scheme + 3);
  if (start < 0) return undefined;
  const query = url.indexOf("?", start);
  const path = url.slice(start, query < 0 ? url.length : query);
  let name: string;
  let kind: HotRoute["kind"];
  if (path.startsWith(_V1) && path.endsWith(_PREDICT)) {
    name = path.slice(_V1.length, path.length - _PREDICT.length);
    kind = "predict";
  } else if (path.startsWith(_V2) && path.endsWith(_INFER)) {
    name = path.slice(_V2.length, path.length - _INFER.length);
    kind = "infer";
  } else return undefined;
  // Encoded or nested names are the router's to decode and match.
  if (name === "" || name.includes("/") || name.includes("%")) return undefined;
  return { kind, name };
}
