package model_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// A school, for the join model tests: students take courses through
// CourseStudent, which has no TableName method.
type (
	Course struct {
		ID            int
		Title         string
		Students      []Student
		CourseStudent *CourseStudent
	}
	Student struct {
		ID      int
		Name    string
		Courses []Course
	}
	CourseStudent struct {
		ID        int
		StudentID int `strata:",notnull"`
		CourseID  int `strata:",notnull"`
		Grade     int
	}
	// SeatBooking already declares the unique key on its pair.
	SeatBooking struct {
		ID        int
		CourseID  int `strata:",notnull,unique=pair"`
		StudentID int `strata:",notnull,unique=pair"`
	}
	// Legacy holds the table CourseStudent would get by default.
	Legacy struct{ ID int }
)

func (Legacy) TableName() string { return "course_students" }

func (Course) Associate(a *model.Associations)  { declare(a) }
func (Student) Associate(a *model.Associations) { declare(a) }

func school(courses, students func(a *model.Associations)) map[string]func(*model.Associations) {
	return map[string]func(*model.Associations){"Course": courses, "Student": students}
}

func TestJoinModel(t *testing.T) {
	cases := []struct {
		name     string
		courses  func(a *model.Associations)
		students func(a *model.Associations)
		models   []any
		table    string // the join table
		implicit bool
	}{
		{
			name:     "a join model without TableName gets product_orders' style",
			courses:  func(a *model.Associations) { a.BelongsToMany(Student{}, model.Through(CourseStudent{})) },
			students: func(a *model.Associations) { a.BelongsToMany(Course{}, model.Through(CourseStudent{})) },
			models:   []any{Course{}, Student{}, CourseStudent{}},
			table:    "course_students",
		},
		{
			name:     "a Through string names the join model as Sequelize does",
			courses:  func(a *model.Associations) { a.BelongsToMany(Student{}, model.Through("course_student")) },
			students: func(a *model.Associations) { a.BelongsToMany(Course{}, model.Through(CourseStudent{})) },
			models:   []any{Course{}, Student{}, CourseStudent{}},
			table:    "course_students",
		},
		{
			name:     "a Through string naming the table keeps it",
			courses:  func(a *model.Associations) { a.BelongsToMany(Student{}, model.Through("courseStudents")) },
			students: func(a *model.Associations) { a.BelongsToMany(Course{}, model.Through(CourseStudent{})) },
			models:   []any{Course{}, Student{}, CourseStudent{}},
			table:    "courseStudents",
		},
		{
			name:     "a join model with its own unique key on the pair",
			courses:  func(a *model.Associations) { a.BelongsToMany(Student{}, model.Through(SeatBooking{})) },
			students: func(a *model.Associations) { a.BelongsToMany(Course{}, model.Through(SeatBooking{})) },
			models:   []any{Course{}, Student{}, SeatBooking{}},
			table:    "seat_bookings",
		},
		{
			name:     "an implicit join model: its primary key is the pair",
			courses:  func(a *model.Associations) { a.BelongsToMany(Student{}, model.Through("course_student")) },
			students: func(a *model.Associations) { a.BelongsToMany(Course{}, model.Through("course_student")) },
			models:   []any{Course{}, Student{}},
			table:    "course_student",
			implicit: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := resolve(t, school(c.courses, c.students), c.models...)
			if err != nil {
				t.Fatal(err)
			}
			jm, ok := r.ByTable(c.table)
			if !ok {
				t.Fatalf("no model for table %s", c.table)
			}
			if jm.Implicit != c.implicit {
				t.Errorf("Implicit = %v", jm.Implicit)
			}
			for _, m := range r.Models() {
				for _, a := range m.Associations() {
					if a.Through != jm {
						t.Errorf("%s goes through %s, not %s", a, a.Through.Table, c.table)
					}
				}
			}
			op, err := jm.CreateTable()
			if err != nil {
				t.Fatal(err)
			}
			var want []schema.Unique
			switch {
			case c.implicit:
				if diff := cmp.Diff(op.Table().PrimaryKey, []string{"courseId", "studentId"}); diff != "" {
					t.Errorf("primary key (-got +want):\n%s", diff)
				}
			case jm.Name == "CourseStudent":
				// In field order: StudentID comes first.
				want = []schema.Unique{{Name: c.table + "_studentId_courseId_key", Columns: []string{"studentId", "courseId"}}}
			default:
				want = []schema.Unique{{Name: c.table + "_courseId_studentId_key", Columns: []string{"courseId", "studentId"}}}
			}
			if diff := cmp.Diff(op.Table().Uniques, want); diff != "" {
				t.Errorf("unique keys of %s (-got +want):\n%s", c.table, diff)
			}
		})
	}
}

func TestJoinTableTaken(t *testing.T) {
	r, err := resolve(t, school(
		func(a *model.Associations) { a.BelongsToMany(Student{}, model.Through(CourseStudent{})) }, nil),
		Course{}, Student{}, CourseStudent{}, Legacy{})
	want := "model Course, association belongsToMany Student: the join model CourseStudent gets the table course_students by default, which Legacy has; give CourseStudent a TableName method"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
	// Nothing was written to the models of a graph that failed.
	if m, ok := r.ByTable("courseStudents"); !ok || m.Name != "CourseStudent" || len(m.Uniques) != 0 {
		t.Errorf("CourseStudent after the failure: %+v", m)
	}
}

func TestJoinTableName(t *testing.T) {
	for _, c := range []struct {
		name string
		o    model.Options
		want string
	}{
		{"ProductOrder", model.Options{}, "product_orders"},
		{"ProductOrder", model.Options{Underscored: true}, "product_orders"},
		{"ProductOrder", model.Options{Freeze: true}, "product_order"},
		{"UserRole", model.Options{}, "user_roles"},
		{"Enrollment", model.Options{}, "enrollments"},
	} {
		if got := model.JoinTableName(c.name, c.o); got != c.want {
			t.Errorf("JoinTableName(%s, %+v) = %s, want %s", c.name, c.o, got, c.want)
		}
	}
}
