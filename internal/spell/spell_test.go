package spell

import "testing"

func TestSuggest(t *testing.T) {
	c := []string{"users", "email", "id", "string", "integer"}
	for name, want := range map[string]string{
		"customers": "", "emial": "email", "userz": "users", "uid": "id", "strin": "string", "Email": "email", "zzzzzz": "",
	} {
		if got := Suggest(name, c); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"a", "", 1}, {"emial", "email", 1}, {"kitten", "sitting", 3}, {"customers", "users", 4}} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
