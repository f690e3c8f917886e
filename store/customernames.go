package store

import "context"

// CustomerNamesByID returns the names of the customers ids, in one query
// per 500 ids; ids with no customer are left out.
func (db *DB) CustomerNamesByID(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		rows, err := db.r.QueryContext(ctx, "SELECT id, name FROM customers WHERE id IN ("+placeholders(n)+")", args...)
		if err != nil {
			return nil, mapErr(err)
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, mapErr(err)
		}
		ids = ids[n:]
	}
	return out, nil
}
