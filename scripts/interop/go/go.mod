module usersig.invalid/interop-go

go 1.21
