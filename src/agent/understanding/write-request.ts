/**
 * Requests to change the data ("update the stock for SKU X to 500", "mark order 123 as delivered", "delete order
 * 406-…") rather than to read it. The bot only reads, so these are refused before any parsing: answering them with
 * the current figure would look as if the change had been made. Follow-up edits of an answer ("change that to a
 * pie", "set the period to May") name no stored record, so they do not match.
 */
const WRITE_VERB = String.raw`(?:please\s+|pls\s+|kindly\s+|can you\s+|could you\s+|go ahead and\s+)?(?:update|change|set|edit|modify|correct|overwrite|reset|mark|increase|decrease|bump|flip|convert|switch|move)`;
const RECORD = String.raw`(?:stock|inventory|price|mrp|status|order|quantity|qty|amount|record|row|entry|sku)(?:s|es)?`;

const WRITE_PATTERNS: RegExp[] = [
  new RegExp(
    // At the start or after a pause: "escalate those orders - set their status to Shipped".
    String.raw`(?:^|[.!?;,]\s|\s[-\u2013\u2014]\s)\W*(?:(?:now|ok|okay|so|then|and|also|just)\s+)*${WRITE_VERB}\s+.{0,40}?\b${RECORD}\b.{0,60}?\b(?:to|as)\s+\S+`,
    'i',
  ),
  /^\W*(?:please\s+|pls\s+|can you\s+|could you\s+)?(?:delete|erase|remove|cancel|void)\s+(?:the\s+|this\s+|that\s+)?(?:order|row|record|entry|sku|line)s?\s+[\w-]*\d/i,
  // "just delete those cancelled rows from the table": rows of the data, not a filter of the answer ("drop Kerala").
  // "ok delete the blr cancelled ones": "ones" are rows too; an answer's row is dropped or removed, not deleted.
  /\b(?:delete|erase|wipe|purge)\s+(?:all\s+)?(?:the\s+|those\s+|these\s+|them\s+)?(?:[\w-]+\s+){0,3}(?:rows|records|entries|lines|orders|data|ones)\b/i,
  // "pls drop the inventory table, its stale": a stored table or file, not a value of the answer ("drop Kerala").
  /\b(?:drop|truncate|delete|wipe|clear|empty|purge|erase)\s+(?:the\s+|this\s+|that\s+|our\s+|my\s+)?(?:[\w-]+\s+){0,2}(?:table|tables|database|db|dataset|data set)\b/i,
  // "just cancel all of those, they are too old": an action on the orders shown, not a filter of the answer.
  /^\W*(?:(?:now|ok|okay|so|then|and|also|just|please|pls|go ahead and|can you|could you)\s+)*(?:cancel|refund|void|dispatch|ship)\s+(?:all\s+(?:of\s+)?|each\s+of\s+)?(?:those|these|them)\b/i,
  // "remove that customer from the wholesale file": a record taken out of the data, not a filter of the answer.
  /\b(?:remove|delete|drop|erase|take)\s+(?:that|this|the|those|these)\s+(?:customer|customers|sku|skus|order|orders|row|rows|record|records|style|styles)\s+(?:out\s+)?(?:from|of)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:file|table|data|dataset|report|sheet|list)\b/i,
  /^\W*(?:(?:please|pls|just|now|ok)\s+)*escalate\s+(?:those|these|them|the|all)\b/i,
  // "those merchant orders are test data - delete them from the dataset": the rows shown, taken out of the data.
  /\b(?:delete|erase|wipe|purge|remove)\s+(?:them|those|these|it|that|all of them)\s+(?:from|out of)\s+(?:the\s+|our\s+|this\s+)?(?:data|dataset|data set|database|db|table|file|report|sheet)\b/i,
  // "OK, go ahead and cancel whatever merchant orders are still pending": an action on orders, asked outright.
  /\b(?:go ahead and|please|pls|just|now|then)\s+(?:cancel|refund|void|dispatch)\s+(?:whatever|all|any|every|the)\b(?:\s+[\w-]+){0,3}\s+(?:orders?|lines?|items?)\b/i,
  // "mark those as delivered so they drop off the report": a status written onto the rows shown.
  /\b(?:mark|flag)\s+(?:all\s+(?:of\s+)?)?(?:those|these|them|it|that|they|the\s+\w+)\s+(?:as|to)\s+(?:delivered|shipped|cancelled|canceled|returned|done|complete|completed|resolved|paid|received|in stock|out of stock)\b/i,
  // "set all of them to 20 units so they don't show as OOS": stock written onto the rows shown.
  /\b(?:set|update|change|bump|reset|make)\s+(?:all\s+(?:of\s+)?|each\s+of\s+)?(?:those|these|them|it|that)\s+to\s+\d+\s*(?:units?|pcs|pieces|qty|in stock)\b/i,
  // "raise a purchase order for 50 units of each", "place a reorder": stock is bought elsewhere, not here.
  /\b(?:raise|place|create|issue|submit|send|open)\s+(?:a\s+|an\s+|the\s+)?(?:new\s+)?(?:purchase\s+orders?|pos?|re-?orders?|restock(?:ing)?\s+orders?)\b/i,
  /^\W*(?:(?:now|ok|okay|so|then|just|please|pls|can you|could you|go ahead and)\s+)*(?:re-?order|restock|replenish|top up)\s+(?:\d+|all|those|these|them|the|each)\b/i,
];

export function asksToChangeData(question: string): boolean {
  return WRITE_PATTERNS.some((re) => re.test(question));
}
