package naming

import "testing"

func TestConversions(t *testing.T) {
	tests := []struct{ in, lowerCamel, camel, snake string }{
		{"FirstName", "firstName", "FirstName", "first_name"},
		{"firstName", "firstName", "FirstName", "first_name"},
		{"UserID", "userId", "UserID", "user_id"},
		{"ID", "id", "ID", "id"},
		{"id", "id", "ID", "id"},
		{"user_id", "userId", "UserID", "user_id"},
		{"product_orders", "productOrders", "ProductOrders", "product_orders"},
		{"ProductOrder", "productOrder", "ProductOrder", "product_order"},
		{"HTTPServer", "httpServer", "HTTPServer", "http_server"},
		{"createdAt", "createdAt", "CreatedAt", "created_at"},
		{"user-profile", "userProfile", "UserProfile", "user_profile"},
		{"address2", "address2", "Address2", "address2"},
	}
	for _, tt := range tests {
		if got := LowerCamel(tt.in); got != tt.lowerCamel {
			t.Errorf("LowerCamel(%q) = %q, want %q", tt.in, got, tt.lowerCamel)
		}
		if got := Camel(tt.in); got != tt.camel {
			t.Errorf("Camel(%q) = %q, want %q", tt.in, got, tt.camel)
		}
		if got := Snake(tt.in); got != tt.snake {
			t.Errorf("Snake(%q) = %q, want %q", tt.in, got, tt.snake)
		}
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{
		"user": "users", "order": "orders", "product_order": "product_orders", "person": "people",
		"category": "categories", "UserProfile": "UserProfiles", "status": "statuses",
	} {
		if got := Plural(in); got != want {
			t.Errorf("Plural(%q) = %q, want %q", in, got, want)
		}
		if got := Singular(want); got != in {
			t.Errorf("Singular(%q) = %q, want %q", want, got, in)
		}
	}
}

func TestClosest(t *testing.T) {
	c := []string{"string", "integer", "text"}
	if got := Closest("strin", c); got != "string" {
		t.Errorf("Closest(strin) = %q", got)
	}
	if got := Closest("zzzzzz", c); got != "" {
		t.Errorf("Closest(zzzzzz) = %q, want none", got)
	}
}

func TestClosestIsNotTooLoose(t *testing.T) {
	for name, want := range map[string]string{"customers": "", "emial": "email", "userz": "users", "uid": "id"} {
		if got := Closest(name, []string{"users", "email", "id"}); got != want {
			t.Errorf("Closest(%q) = %q, want %q", name, got, want)
		}
	}
}
