package htmlexec

import (
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"
)

// member is what a name given to a value of a type is: a method of the value, or of its address
// when it has one; else a field of a struct, or a key of a map.
type member struct {
	method  int           // the index of the method, or -1
	fn      *function     // the method's signature, for calling it
	field   []int         // the index of a struct's field
	found   bool          // whether the struct has the field
	private bool          // whether the field is not exported
	mapKey  bool          // whether the name can be a key of the map
	nameVal reflect.Value // the name, as a key of the map
}

type memberKey struct {
	typ  reflect.Type // the value's, after indirection
	addr bool         // whether the value has an address: its methods are those of *typ
	name string
}

// members caches each memberKey's member: looking a method up by name is what text/template
// spends most of an action on.
var members sync.Map

// recent is a cache in front of members, without hashing: a name in a template is a string of
// its own, a piece of the template's text, and the slot of its memberKey is picked by where the
// string is. A slot holds the last key looked up in it.
var recent [1 << 12]atomic.Pointer[recentMember]

type recentMember struct {
	name *byte // the name's string
	key  memberKey
	m    *member
}

func lookupMember(ptr, receiver reflect.Value, addr bool, name string) *member {
	key := memberKey{receiver.Type(), addr, name}
	at := unsafe.StringData(name)
	// The names of a chain (.A.B) are bytes apart: the address is mixed (Fibonacci hashing)
	// so that they fall in different slots.
	slot := &recent[uint64(uintptr(unsafe.Pointer(at)))*0x9E3779B97F4A7C15>>(64-12)]
	if r := slot.Load(); r != nil && r.name == at && r.key.typ == key.typ && r.key.addr == addr && len(r.key.name) == len(name) {
		return r.m
	}
	m := lookupMemberSlow(ptr, receiver, key)
	slot.Store(&recentMember{at, key, m})
	return m
}

func lookupMemberSlow(ptr, receiver reflect.Value, key memberKey) *member {
	if m, ok := members.Load(key); ok {
		return m.(*member)
	}
	name := key.name
	m := &member{method: -1}
	if method, ok := ptr.Type().MethodByName(name); ok {
		m.method = method.Index
		m.fn = &function{name: name, typ: ptr.Method(method.Index).Type(), method: method.Index}
		if call, ok := fastCalls.Load(fastKey{ptr.Type(), name}); ok {
			m.fn.fast = call.(fastCall)
		}
	}
	switch receiver.Kind() {
	case reflect.Struct:
		if f, ok := receiver.Type().FieldByName(name); ok {
			m.found, m.field, m.private = true, f.Index, !f.IsExported()
		}
	case reflect.Map:
		m.nameVal = reflect.ValueOf(name)
		m.mapKey = m.nameVal.Type().AssignableTo(receiver.Type().Key())
	}
	v, _ := members.LoadOrStore(key, m)
	return v.(*member)
}
