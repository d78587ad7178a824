//! The products with rules of their own (issue 30): UCloud's lightweight
//! host (ULHost), its cross-border-zone hosts and Tencent Lighthouse, with
//! the published examples to the cent, and an independent implementation of
//! each formula that must agree with the engine on random cases.

#[path = "products/independent.rs"]
mod independent;
#[path = "products/published.rs"]
mod published;
