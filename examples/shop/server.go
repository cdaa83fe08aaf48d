package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/examples/shop/models"
)

// server serves the shop's routes from one database.
type server struct{ db *strata.DB }

func newServer(db *strata.DB) *server { return &server{db: db} }

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders/{id}", s.getOrder)
	mux.HandleFunc("PUT /orders/{id}", s.addProduct)
	mux.HandleFunc("DELETE /orders/{id}", s.deleteOrder)
	mux.HandleFunc("GET /users/{id}", s.getUser)
	mux.HandleFunc("POST /users", s.createUser)
	mux.HandleFunc("POST /orders", s.createOrder)
	mux.HandleFunc("POST /products", s.createProduct)
	return mux
}

// apiError is a failure with its HTTP status, written as JSON:
// {"error": "…", "fields": [{"field": "email", "rule": "email", "message": "…"}]}.
type apiError struct {
	status  int
	Message string       `json:"error"`
	Fields  []fieldError `json:"fields,omitempty"`
}

func (e *apiError) Error() string { return e.Message }

type fieldError struct {
	Field   string `json:"field"`
	Rule    string `json:"rule,omitempty"`
	Message string `json:"message"`
}

func fail(status int, format string, args ...any) *apiError {
	return &apiError{status: status, Message: fmt.Sprintf(format, args...)}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// handle writes err as the JSON error it maps to: a body that does not
// decode is 400 naming the field; a validation failure (a rule, or a
// value that does not fit its column) is 422 listing every failing field,
// as is a value the database refused; a duplicate is 409, a missing row
// 404, a write that lost a deadlock even after its retries 503. Only a
// failure of the shop or the database itself is 500.
func handle(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	var ve *strata.ValidationError
	var ue *strata.UniqueConstraintError
	var fe *strata.ForeignKeyConstraintError
	var de *strata.DatabaseError
	switch {
	case errors.As(err, &ae):
	case errors.As(err, &ve):
		ae = &apiError{status: http.StatusUnprocessableEntity, Message: "validation failed"}
		for _, f := range ve.Errors {
			ae.Fields = append(ae.Fields, fieldError{Field: f.Column, Rule: f.Rule, Message: f.Message})
		}
	case errors.As(err, &ue):
		ae = &apiError{status: http.StatusConflict, Message: strings.Join(ue.Fields, ", ") + " already taken"}
		for _, f := range ue.Fields {
			ae.Fields = append(ae.Fields, fieldError{Field: f, Rule: "unique", Message: "is already taken"})
		}
	case errors.As(err, &fe):
		ae = &apiError{status: http.StatusUnprocessableEntity, Message: "a referenced row does not exist"}
		for _, f := range fe.Fields {
			ae.Fields = append(ae.Fields, fieldError{Field: f, Rule: "exists", Message: "does not exist"})
		}
	case errors.As(err, &de) && valueKind(de.Kind):
		ae = &apiError{status: http.StatusUnprocessableEntity, Message: "validation failed: " + de.Kind.String()}
		for _, c := range de.Columns {
			ae.Fields = append(ae.Fields, fieldError{Field: c, Rule: "database", Message: de.Kind.String()})
		}
	case errors.Is(err, strata.ErrValue):
		ae = fail(http.StatusBadRequest, "bad request: %v", err)
	case strata.Retryable(err):
		// Lost to concurrent requests more often than write retries.
		w.Header().Set("Retry-After", "1")
		ae = fail(http.StatusServiceUnavailable, "the database is busy with concurrent changes to these rows; try again")
		fmt.Printf("shop: %s %s: %v\n", r.Method, r.URL.Path, err)
	case errors.Is(err, context.Canceled):
		return // the client went away
	case errors.Is(err, context.DeadlineExceeded):
		ae = fail(http.StatusServiceUnavailable, "the database did not answer in time")
	default:
		ae = fail(http.StatusInternalServerError, "internal error")
		fmt.Printf("shop: %s %s: %v\n", r.Method, r.URL.Path, err)
	}
	writeJSON(w, ae.status, ae)
}

// valueKind reports a database error about a value the request gave.
func valueKind(k dialect.ErrorKind) bool {
	switch k {
	case dialect.ErrNotNull, dialect.ErrCheck, dialect.ErrDataTooLong, dialect.ErrOutOfRange, dialect.ErrBadValue:
		return true
	}
	return false
}

// pathID reads the {id} of the route.
func pathID(r *http.Request, what string) (int, error) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || id <= 0 {
		return 0, fail(http.StatusBadRequest, "%s id %q is not a positive whole number", what, r.PathValue("id"))
	}
	return id, nil
}

// order loads an order with its products (and their quantities), or 404.
func (s *server) order(ctx context.Context, c strata.Conn, id int) (*models.Order, error) {
	o, err := strata.Find[models.Order](c).
		Include("Products", strata.ThroughOrder("id")).
		ByPK(ctx, id)
	if errors.Is(err, strata.ErrNotFound) {
		return nil, fail(http.StatusNotFound, "order %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return o, nil
}

func (s *server) getOrder(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "order")
	if err == nil {
		var o *models.Order
		if o, err = s.order(r.Context(), s.db, id); err == nil {
			writeJSON(w, http.StatusOK, o)
			return
		}
	}
	handle(w, r, err)
}

// addProduct is the seed's PUT /order/:id: order.addProduct(productId),
// with a quantity kept on the join row; with a products list instead
// (and optionally a total), it replaces the order's products and total
// (order.setProducts). Each runs in one transaction, run again when it
// loses a deadlock or serialization race (write).
func (s *server) addProduct(w http.ResponseWriter, r *http.Request) {
	err := func() error {
		id, err := pathID(r, "order")
		if err != nil {
			return err
		}
		var in struct {
			ProductID int            `json:"productId"`
			Quantity  *int           `json:"quantity"`
			Products  []productCount `json:"products"`
			Total     *decimal       `json:"total"`
		}
		if err := decode(r, &in); err != nil {
			return err
		}
		if in.Products != nil || in.Total != nil {
			if in.ProductID != 0 || in.Quantity != nil {
				return fail(http.StatusBadRequest, "bad request body: give productId and quantity to add a product, or products (and total) to replace them, not both")
			}
			return s.replaceProducts(w, r, id, in.Products, in.Total)
		}
		quantity := 1
		if in.Quantity != nil {
			quantity = *in.Quantity
		}
		if in.ProductID <= 0 || quantity < 1 {
			ae := fail(http.StatusBadRequest, "bad request body: productId must be a positive id and quantity at least 1")
			if in.ProductID <= 0 {
				ae.Fields = append(ae.Fields, fieldError{Field: "productId", Rule: "min", Message: "must be a positive id"})
			}
			if quantity < 1 {
				ae.Fields = append(ae.Fields, fieldError{Field: "quantity", Rule: "min", Message: "must be at least 1"})
			}
			return ae
		}
		ctx := r.Context()
		var o *models.Order
		err = s.write(ctx, func(tx *strata.Tx) error {
			o, err = s.order(ctx, tx, id)
			if err != nil {
				return err
			}
			if _, err := strata.Find[models.Product](tx).ByPK(ctx, in.ProductID); errors.Is(err, strata.ErrNotFound) {
				return fail(http.StatusNotFound, "product %d not found", in.ProductID)
			} else if err != nil {
				return err
			}
			if err := models.OrderProducts.Through(strata.Fields{"quantity": quantity}).AddKeys(ctx, tx, o, in.ProductID); err != nil {
				return err
			}
			o, err = s.order(ctx, tx, id)
			return err
		})
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, o)
		return nil
	}()
	if err != nil {
		handle(w, r, err)
	}
}

func (s *server) deleteOrder(w http.ResponseWriter, r *http.Request) {
	err := func() error {
		id, err := pathID(r, "order")
		if err != nil {
			return err
		}
		ctx := r.Context()
		err = s.write(ctx, func(tx *strata.Tx) error {
			o, err := strata.Find[models.Order](tx).ByPK(ctx, id)
			if errors.Is(err, strata.ErrNotFound) {
				return fail(http.StatusNotFound, "order %d not found", id)
			} else if err != nil {
				return err
			}
			// The database's ON DELETE CASCADE removes the order's join rows.
			return strata.Destroy(ctx, tx, o)
		})
		if err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}()
	if err != nil {
		handle(w, r, err)
	}
}

func (s *server) getUser(w http.ResponseWriter, r *http.Request) {
	err := func() error {
		id, err := pathID(r, "user")
		if err != nil {
			return err
		}
		u, err := strata.Find[models.User](s.db).
			Include("Orders", strata.Include("Products", strata.ThroughOrder("id"))).
			ByPK(r.Context(), id)
		if errors.Is(err, strata.ErrNotFound) {
			return fail(http.StatusNotFound, "user %d not found", id)
		} else if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, u)
		return nil
	}()
	if err != nil {
		handle(w, r, err)
	}
}

func (s *server) createUser(w http.ResponseWriter, r *http.Request) {
	var in struct {
		FirstName *string `json:"firstName"`
		LastName  *string `json:"lastName"`
		Email     string  `json:"email"`
		Age       *int    `json:"age"`
	}
	if err := decode(r, &in); err != nil {
		handle(w, r, err)
		return
	}
	var u models.User
	if err := s.write(r.Context(), func(tx *strata.Tx) error {
		u = models.User{FirstName: in.FirstName, LastName: in.LastName, Email: in.Email, Age: in.Age}
		return strata.Create(r.Context(), tx, &u)
	}); err != nil {
		handle(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, u)
}

func (s *server) createOrder(w http.ResponseWriter, r *http.Request) {
	err := func() error {
		var in struct {
			UserID *int    `json:"userId"`
			Total  decimal `json:"total"`
		}
		if err := decode(r, &in); err != nil {
			return err
		}
		if in.UserID == nil {
			return &apiError{status: http.StatusUnprocessableEntity, Message: "validation failed",
				Fields: []fieldError{{Field: "userId", Rule: "required", Message: "is required"}}}
		}
		ctx := r.Context()
		total := string(in.Total)
		if total == "" {
			total = "0"
		}
		var o models.Order
		err := s.write(ctx, func(tx *strata.Tx) error {
			if ok, err := strata.Find[models.User](tx).Where(strata.Eq("id", *in.UserID)).Exists(ctx); err != nil {
				return err
			} else if !ok {
				return &apiError{status: http.StatusUnprocessableEntity, Message: "validation failed",
					Fields: []fieldError{{Field: "userId", Rule: "exists", Message: fmt.Sprintf("user %d does not exist", *in.UserID)}}}
			}
			o = models.Order{UserID: in.UserID, Total: &total}
			return strata.Create(ctx, tx, &o)
		})
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusCreated, o)
		return nil
	}()
	if err != nil {
		handle(w, r, err)
	}
}

func (s *server) createProduct(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name  string  `json:"name"`
		Price decimal `json:"price"`
	}
	if err := decode(r, &in); err != nil {
		handle(w, r, err)
		return
	}
	price := string(in.Price)
	if price == "" {
		price = "0"
	}
	var p models.Product
	if err := s.write(r.Context(), func(tx *strata.Tx) error {
		p = models.Product{Name: in.Name, Price: &price}
		return strata.Create(r.Context(), tx, &p)
	}); err != nil {
		handle(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, p)
}
