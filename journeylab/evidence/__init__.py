"""Evidence from customer data: survey and feedback exports brought into the map."""
