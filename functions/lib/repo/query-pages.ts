// Query paging for the repository: DynamoDB returns at most 1 MB per Query, so every full read of a partition
// follows LastEvaluatedKey until it is gone. Callers build the query; these helpers only page it.
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';

/** A query to page through: everything but the start key, which the helpers set page by page. */
export type PagedQueryInput = Omit<QueryCommandInput, 'ExclusiveStartKey'>;
/** One item as the document client returns it. */
export type QueriedItem = NonNullable<QueryCommandOutput['Items']>[number];

/**
 * Sends `input` page after page, each with the previous page's `LastEvaluatedKey` as `ExclusiveStartKey`
 * (undefined on the first), and yields every page's items (possibly none) until no key is returned.
 * The next page is requested only when the caller asks for it, so a caller can act on one page first
 * (delete it, say) without holding the whole partition.
 */
export async function* queryPages(doc: DynamoDBDocumentClient, input: PagedQueryInput): AsyncGenerator<QueriedItem[], void, undefined> {
  let startKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item `input` matches, across all pages, in the order DynamoDB returns them. */
export async function queryAll(doc: DynamoDBDocumentClient, input: PagedQueryInput): Promise<QueriedItem[]> {
  const items: QueriedItem[] = [];
  for await (const page of queryPages(doc, input)) items.push(...page);
  return items;
}
