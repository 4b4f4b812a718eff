# usersig's CMake package, installed as PREFIX/lib/cmake/usersig/. find_package(usersig CONFIG)
# defines usersig::usersig (the shared library) and usersig::usersig_static (the static one,
# with the system libraries it needs). Both carry PREFIX/include.
get_filename_component(_usersig_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET usersig::usersig)
  add_library(usersig::usersig SHARED IMPORTED)
  add_library(usersig::usersig_static STATIC IMPORTED)
  set_target_properties(usersig::usersig_static PROPERTIES
    IMPORTED_LOCATION "${_usersig_prefix}/lib/libusersig_ffi.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_usersig_prefix}/include")
  if(WIN32)
    set_target_properties(usersig::usersig PROPERTIES
      IMPORTED_LOCATION "${_usersig_prefix}/bin/usersig_ffi.dll"
      IMPORTED_IMPLIB "${_usersig_prefix}/bin/usersig_ffi.dll"
      INTERFACE_INCLUDE_DIRECTORIES "${_usersig_prefix}/include")
    set_target_properties(usersig::usersig_static PROPERTIES
      INTERFACE_LINK_LIBRARIES "kernel32;advapi32;ntdll;userenv;ws2_32;bcrypt")
  else()
    if(APPLE)
      set(_usersig_shared "${_usersig_prefix}/lib/libusersig_ffi.dylib")
    else()
      set(_usersig_shared "${_usersig_prefix}/lib/libusersig_ffi.so")
    endif()
    set_target_properties(usersig::usersig PROPERTIES
      IMPORTED_LOCATION "${_usersig_shared}"
      INTERFACE_INCLUDE_DIRECTORIES "${_usersig_prefix}/include")
    include(CMakeFindDependencyMacro)
    find_dependency(Threads)
    set(_usersig_system Threads::Threads ${CMAKE_DL_LIBS})
    if(NOT APPLE)
      list(APPEND _usersig_system m rt util)
    endif()
    set_target_properties(usersig::usersig_static PROPERTIES
      INTERFACE_LINK_LIBRARIES "${_usersig_system}")
    unset(_usersig_shared)
    unset(_usersig_system)
  endif()
endif()

unset(_usersig_prefix)
