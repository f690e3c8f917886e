-- clientele schema, version 3: indexes for the Feedback screen.
-- The screen tallies NPS answers, counts unanswered detractors, suggests
-- promoters and groups wishes on every load; at 100,000 feedback entries,
-- reading those rows through the date index (a table lookup per row)
-- takes seconds. These partial indexes hold only the NPS answers and only
-- the wishes, with every column those reads need, so each read scans a
-- small index and never visits the table. They lead with the customer so
-- that the joins to customers and their segments walk in id order.
CREATE INDEX feedback_nps ON feedback(customer_id, received_on, score, status) WHERE kind = 'nps';
CREATE INDEX feedback_wishes ON feedback(customer_id, received_on, theme, answer) WHERE kind = 'wish';
