// Where a link points: the web app's self-report page, `<base>/#/s/<token>`. The token sits in the fragment, so
// opening the page sends it nowhere. The page then calls /api/self/{token} (and a collector's revoke calls DELETE
// /api/links/{token}), so the token IS in those request paths: CloudFront and API Gateway access logs would record
// it. Both are off in this stack; the API's own error log writes `{token}` instead (http/on-error.ts). See
// docs/self-report-links.md before turning access logging on.

export function selfReportUrl(base: string, token: string): string {
  return `${base}/#/s/${token}`;
}

/**
 * The short address printed on the sheet, `<base>/s/<code>`. Unlike the token, the code is in the path: the web
 * server answers it with the app, which trades the code for the token (GET /api/self/code/{code}). CloudFront's
 * logs in this stack carry no URI (see docs/self-report-links.md).
 */
export function shortCodeUrl(base: string, code: string): string {
  return `${base}/s/${code}`;
}
