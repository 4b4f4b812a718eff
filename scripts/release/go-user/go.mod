module usersig.invalid/go-user

go 1.25.0

require github.com/usersig/usersig/bindings/go v0.1.0
