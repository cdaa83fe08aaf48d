package main

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"slices"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/examples/shop/models"
)

// writeRetries is how many more times a write route runs its transaction
// after it lost a deadlock or serialization race to a concurrent request.
const writeRetries = 3

// write runs fn in a transaction that is run again (strata.Retry) when it
// loses a race to a concurrent request, so that no client sees a
// deadlock. fn starts from nothing each run: it reads what it needs
// inside the transaction and sets the values it returns. On
// MySQL/MariaDB the transaction runs at READ COMMITTED, PostgreSQL's
// default: REPEATABLE READ's gap locks make the writes of neighbouring
// orders deadlock far more often.
func (s *server) write(ctx context.Context, fn func(tx *strata.Tx) error) error {
	opts := []strata.TxOption{strata.Retry(writeRetries)}
	if s.db.Dialect().Name() == "mysql" {
		opts = append(opts, strata.Isolation(sql.LevelReadCommitted))
	}
	return s.db.Transaction(ctx, fn, opts...)
}

// productCount is one product of an order and how many of it.
type productCount struct {
	ProductID int `json:"productId"`
	Quantity  int `json:"quantity"`
}

// replaceProducts is PUT /orders/{id} with a products list: the order's
// products become exactly those (order.setProducts), each with its
// quantity, and its total the one given; in one transaction, so a
// concurrent request sees the order before or after, never between.
func (s *server) replaceProducts(w http.ResponseWriter, r *http.Request, id int, products []productCount, total *decimal) error {
	keys := make([]any, 0, len(products))
	for _, p := range products {
		if p.ProductID <= 0 || p.Quantity < 1 {
			return fail(http.StatusBadRequest, "bad request body: each product needs a positive productId and a quantity of at least 1")
		}
		if slices.Contains(keys, any(p.ProductID)) {
			return fail(http.StatusBadRequest, "bad request body: product %d is listed twice", p.ProductID)
		}
		keys = append(keys, p.ProductID)
	}
	ctx := r.Context()
	var o *models.Order
	err := s.write(ctx, func(tx *strata.Tx) error {
		var err error
		if o, err = s.order(ctx, tx, id); err != nil {
			return err
		}
		if len(keys) > 0 {
			if n, err := strata.Find[models.Product](tx).Where(strata.In("id", keys)).Count(ctx); err != nil {
				return err
			} else if int(n) != len(keys) {
				return fail(http.StatusNotFound, "a listed product was not found")
			}
		}
		// Set locks the order's row first (then the products'), so the
		// total and the products written here are one request's.
		if err := models.OrderProducts.SetKeys(ctx, tx, o, keys...); err != nil {
			return err
		}
		for _, p := range products {
			if err := models.OrderProducts.Through(strata.Fields{"quantity": p.Quantity}).AddKeys(ctx, tx, o, p.ProductID); err != nil {
				return err
			}
		}
		if total != nil {
			t := string(*total)
			o.Total = &t
			if err := strata.Update(ctx, tx, o, "Total"); err != nil {
				return err
			}
		}
		o, err = s.order(ctx, tx, id)
		return err
	})
	if errors.Is(err, strata.ErrNotFound) {
		return fail(http.StatusNotFound, "order %d not found", id) // deleted by a concurrent request
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, o)
	return nil
}
